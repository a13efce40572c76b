import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { assertBuilt, PACKAGE_DIR } from '../utils/built-package';

const run = promisify(execFile);
const ROOT = join(PACKAGE_DIR, '../..');

/** The `import … from '@billingos/…'` lines of every TypeScript block in the README. */
function readmeImports(): string[] {
  const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```tsx?\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks.map((code) => [...code.matchAll(/^import [^;]*? from '@billingos\/[^']+';$/gm)].map((match) => match[0]).join('\n'));
}

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'billingos-node10-'));
  // The consumer's node_modules: the packed tarball as @billingos/node, the rest (its dependencies, @types/node) from the root.
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@billingos/node'), { recursive: true });
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry !== '@billingos' && entry !== '.bin') symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry), 'dir');
  }
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: PACKAGE_DIR });
  const [packed] = JSON.parse(stdout) as [{ filename: string }];
  await run('tar', ['-xzf', join(dir, packed.filename), '-C', join(modules, '@billingos/node'), '--strip-components', '1']);
}, 120_000);
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

test("TypeScript with `module: commonjs` and no moduleResolution (node10) compiles the subpath imports and the README's imports against the packed package", async () => {
  const imports = readmeImports().filter(Boolean);
  expect(imports.join('\n')).toContain("from '@billingos/node/helpers/generic'");
  const files = ['consumer.ts', ...imports.map((_, index) => `readme-${index + 1}.ts`)];
  writeFileSync(join(dir, 'consumer.ts'), readFileSync(join(__dirname, 'consumers/types-check-node10.ts'), 'utf8'));
  imports.forEach((code, index) => writeFileSync(join(dir, `readme-${index + 1}.ts`), `${code}\nexport {};\n`));
  const compilerOptions = { module: 'commonjs', target: 'es2022', lib: ['es2022', 'dom'], types: ['node'], strict: true, noEmit: true, skipLibCheck: false };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', dir], { cwd: dir }).catch((error: { stdout: string }) => error);
  expect(result.stdout).toBe('');
}, 120_000);
