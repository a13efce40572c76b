import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const EXPORTS = ['AuthProvider', 'BillingOS', 'BillingOSModule', 'BillingOSModuleConfigurationError', 'InjectBillingOS', 'OnBillingOSEvent'];

/** Runs a snippet in a fresh Node process at the repository root, as a consumer of the built package would. */
function run(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }).trim();
}

const probe = `const { BillingOSModule } = m; const dynamic = BillingOSModule.forRoot({ secretKey: 'sk_test_12345678', isGlobal: true });
  console.log(JSON.stringify({ exports: Object.keys(m).sort(), global: dynamic.global, module: dynamic.module === BillingOSModule }));`;

describe('the built @billingos/nestjs (dist)', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'packages', 'nestjs', 'dist', 'index.js'))) throw new Error('Run `npm run build -w @billingos/nestjs` first.');
  });

  it('loads through require() (CommonJS Nest apps)', () => {
    const out = run(['-e', `require('reflect-metadata'); const m = require('@billingos/nestjs'); ${probe}`]);
    expect(JSON.parse(out)).toEqual({ exports: EXPORTS, global: true, module: true });
  });

  it('loads through import (ESM Nest apps)', () => {
    const out = run(['--input-type=module', '-e', `import 'reflect-metadata'; const m = await import('@billingos/nestjs'); ${probe}`]);
    expect(JSON.parse(out)).toEqual({ exports: EXPORTS, global: true, module: true });
  });
});
