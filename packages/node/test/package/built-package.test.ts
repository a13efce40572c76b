import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { assertBuilt } from '../utils/built-package';

const run = promisify(execFile);
let server: TestServer;

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
});
afterAll(() => server?.close());

test('the built declarations type-check for ESM and CJS consumers (node16 resolution, one BillingOS type across entries)', async () => {
  const tsc = join(__dirname, '../../../../node_modules/typescript/bin/tsc');
  const files = ['types-check.mts', 'types-check.cts'].map((file) => join(__dirname, 'consumers', file));
  const flags = ['--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022', '--lib', 'es2022,dom', '--types', 'node', '--skipLibCheck', 'false'];
  const result = await run(process.execPath, [tsc, ...flags, ...files], { cwd: __dirname }).catch((error: { stdout: string }) => error);
  expect(result.stdout).toBe('');
}, 60_000);

test.each([
  ['consumer.cjs', 'cjs', /dist[/\\]index\.cjs$/],
  ['consumer.mjs', 'esm', /dist[/\\]index\.js$/],
])('%s runs against the API with the built package', async (file, format, resolved) => {
  const { stdout } = await run(process.execPath, [join(__dirname, 'consumers', file)], {
    env: { ...process.env, API_URL: server.url, SECRET_KEY: server.secretKey, WEBHOOK_SECRET: server.webhookSecret },
    cwd: __dirname,
  });
  const result = JSON.parse(stdout) as Record<string, unknown>;
  expect(result).toEqual({
    format,
    resolved: expect.stringMatching(resolved),
    hasToken: true,
    notFound: true,
    eventId: `evt_${format}`,
    routeStatus: 200,
  });
});

test("the README's quickstart works when pasted (ESM, keys from the environment)", async () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const quickstart = /## Quickstart\s+(?:<!-- typecheck -->\s+)?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(quickstart?.trim().split('\n')).toHaveLength(3);
  const code = `${quickstart}\nconsole.log(JSON.stringify({ sessionToken, expiresAt }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], {
    cwd: join(__dirname, '../..'),
    env: { ...process.env, BILLINGOS_SECRET_KEY: server.secretKey, BILLINGOS_API_URL: server.url },
  });
  const { sessionToken, expiresAt } = JSON.parse(stdout) as { sessionToken: string; expiresAt: string };
  expect(sessionToken.split('.')).toHaveLength(3);
  expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
});
