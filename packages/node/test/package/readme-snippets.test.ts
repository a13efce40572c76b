import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { assertBuilt, PACKAGE_DIR } from '../utils/built-package';

const run = promisify(execFile);
const ROOT = join(PACKAGE_DIR, '../..');

/** What the snippets call but do not define: the merchant's own code, and Hono (not a dependency here). */
const PRELUDE = `
declare function extendAccess(customerId: string, until: string): Promise<void>;
declare function revokeAccess(customerId: string): Promise<void>;
declare function welcome(email: string | null): Promise<void>;
declare function forget(customerId: string): Promise<void>;
declare const redis: { exists(key: string): Promise<number>; set(key: string, value: string, options: { EX: number }): Promise<unknown> };
declare class Hono { post(path: string, handler: (c: { req: { raw: Request } }) => Response | Promise<Response>): this; }
`;

/** Every ```ts block the README marks `<!-- typecheck -->`. */
function markedSnippets(): string[] {
  const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
  return [...readme.matchAll(/<!-- typecheck -->\n```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'billingos-readme-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the README's marked snippets type-check as pasted, against the built package (ESM, node16 resolution, strict)", async () => {
  const snippets = markedSnippets();
  expect(snippets.length).toBeGreaterThanOrEqual(6);
  const files = snippets.map((code, index) => {
    const file = join(dir, `snippet-${index + 1}.mts`);
    writeFileSync(file, `${code.replace(/^import \{ Hono \} from 'hono';\n/m, '')}\n${PRELUDE}`);
    return file;
  });
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const flags = ['--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022', '--lib', 'es2022,dom', '--types', 'node', '--skipLibCheck'];
  const result = await run(process.execPath, [tsc, ...flags, ...files], { cwd: dir }).catch((error: { stdout: string }) => error);
  expect(result.stdout).toBe('');
}, 60_000);
