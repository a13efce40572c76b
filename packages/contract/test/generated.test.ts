import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..');

/** In a child process: openapi-typescript's CommonJS build requires ES modules, which Jest's module loader cannot. */
test('src/openapi.ts is what the API schemas generate today (else: run npm run generate -w @billingos/contract)', async () => {
  const ts = join(root, '..', '..', 'node_modules', '.bin', 'ts-node');
  const options = JSON.stringify({ module: 'commonjs', moduleResolution: 'node' });
  await expect(run(ts, ['--transpile-only', '-O', options, 'scripts/generate.ts', '--check'], { cwd: root })).resolves.toBeDefined();
}, 120_000);
