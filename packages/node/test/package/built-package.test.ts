import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { execFile } from 'node:child_process';
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
