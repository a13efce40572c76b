import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS } from '@billingos/node';
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../../../../test-utils/free-port';
import { assertBuilt, PACKAGE_DIR } from '../utils/built-package';
import { noNodeBuiltins } from '../utils/no-node-builtins';
import { startRecordingReceiver } from '../utils/recording-receiver';
import type { Delivery, RecordingReceiver } from '../utils/recording-receiver';
import { assertBinary, startRuntimeProcess, withOutput } from '../utils/runtime-process';
import type { RuntimeProcess } from '../utils/runtime-process';

// The packed package in the real Bun, Deno and workerd binaries (root devDependencies), against
// the real API: the session route mints a token the API accepts, and constructEventAsync and
// createWebhookRoute verify a delivery the API signed and refuse it tampered.

const run = promisify(execFile);
const ROOT = join(PACKAGE_DIR, '../..');
const FIXTURES = join(__dirname, 'runtimes');
const SIGNATURE_HEADERS = ['content-type', 'billingos-signature', 'webhook-id', 'webhook-timestamp', 'webhook-signature'];
/** Within the range the pinned workerd supports; the worker needs no `nodejs_compat`. */
const WORKERD_COMPATIBILITY_DATE = '2025-01-01';

let server: TestServer;
let receiver: RecordingReceiver;
let dir: string;
let delivery: Delivery;

beforeAll(async () => {
  assertBuilt();
  receiver = await startRecordingReceiver();
  server = await startTestServer({ webhookEndpoint: receiver.url });
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'billingos-runtimes-')));
  await installPackedPackage(dir);
  for (const file of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, file), join(dir, file));
  delivery = await customerCreatedDelivery();
}, 120_000);
afterAll(async () => {
  await server?.close();
  await receiver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `<dir>/node_modules/@billingos/node` from `npm pack`; its dependencies linked from the root's node_modules. */
async function installPackedPackage(target: string): Promise<void> {
  const packageDir = join(target, 'node_modules/@billingos/node');
  mkdirSync(packageDir, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', target], { cwd: PACKAGE_DIR });
  const [packed] = JSON.parse(stdout) as [{ filename: string }];
  await run('tar', ['-xzf', join(target, packed.filename), '-C', packageDir, '--strip-components', '1']);
  const { dependencies = {} } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(dependencies)) {
    mkdirSync(dirname(join(target, 'node_modules', name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(target, 'node_modules', name), 'dir');
  }
}

/** A real delivery: the API signs `customer.created` for the endpoint the test server registered. */
async function customerCreatedDelivery(): Promise<Delivery> {
  await new BillingOS({ secretKey: server.secretKey, apiUrl: server.url }).customers.create({ externalUserId: 'user_runtimes_webhook' });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const found = receiver.deliveries.find((item) => (JSON.parse(item.raw.toString('utf8')) as { type: string }).type === 'customer.created');
    if (found) return found;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error('The API delivered no customer.created within 20 s.');
}

interface Started {
  runtime: RuntimeProcess;
  /** The file the runtime loaded for `@billingos/node`. */
  packageFile: string;
}

function environment(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', ...extra };
}

function billingEnvironment(): Record<string, string> {
  return { BILLINGOS_API_URL: server.url, BILLINGOS_SECRET_KEY: server.secretKey, BILLINGOS_WEBHOOK_SECRET: server.webhookSecret };
}

async function startBun(): Promise<Started> {
  const binary = join(ROOT, 'node_modules/@oven/bun-linux-x64/bin/bun');
  assertBinary('Bun', binary, '@oven/bun-linux-x64');
  const env = environment({ ...billingEnvironment(), BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' });
  const runtime = await startRuntimeProcess({ name: 'Bun', binary, args: ['--no-install', 'bun-server.mjs'], cwd: dir, env });
  return { runtime, packageFile: fileURLToPath(runtime.banner) };
}

async function startDeno(): Promise<Started> {
  const binary = join(ROOT, 'node_modules/@deno/linux-x64-glibc/deno');
  assertBinary('Deno', binary, '@deno/linux-x64-glibc');
  const billing = billingEnvironment();
  const args = [
    'run', '--node-modules-dir=manual', '--no-prompt', '--allow-net=127.0.0.1',
    `--allow-env=${Object.keys(billing).join(',')}`, `--allow-read=${dir},${join(ROOT, 'node_modules')}`, 'deno-server.mjs',
  ];
  const env = environment({ ...billing, DENO_DIR: join(dir, '.deno'), DENO_NO_UPDATE_CHECK: '1' });
  const runtime = await startRuntimeProcess({ name: 'Deno', binary, args, cwd: dir, env });
  return { runtime, packageFile: fileURLToPath(runtime.banner) };
}

/** One ES module (esbuild, as Wrangler does, Node built-ins refused) served by workerd, which may reach loopback. */
async function startWorkerd(): Promise<Started> {
  const binary = join(ROOT, 'node_modules/@cloudflare/workerd-linux-64/bin/workerd');
  assertBinary('workerd', binary, '@cloudflare/workerd-linux-64');
  const bundle = await build({
    entryPoints: ['worker.mjs'],
    absWorkingDir: dir,
    outfile: 'worker.bundle.mjs',
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser', 'import'],
    plugins: [noNodeBuiltins],
    metafile: true,
    logLevel: 'silent',
  });
  const packageFile = Object.keys(bundle.metafile.inputs).find((input) => input.endsWith('@billingos/node/dist/index.js'));
  const port = await freePort();
  const bindings = Object.entries(billingEnvironment()).map(([name, value]) => `(name = "${name}", text = ${JSON.stringify(value)})`);
  writeFileSync(
    join(dir, 'workerd.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local", "private", "public"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "worker.bundle.mjs")],
  compatibilityDate = "${WORKERD_COMPATIBILITY_DATE}",
  globalOutbound = "loopback",
  bindings = [${bindings.join(', ')}],
);
`,
  );
  const runtime = await startRuntimeProcess({ name: 'workerd', binary, args: ['serve', 'workerd.capnp', '--verbose'], cwd: dir, env: environment(), port });
  return { runtime, packageFile: packageFile ? resolve(dir, packageFile) : `(not in the bundle: ${Object.keys(bundle.metafile.inputs).join(', ')})` };
}

function post(url: string, body: string | Uint8Array): Promise<Response> {
  const headers = Object.fromEntries(SIGNATURE_HEADERS.map((name) => [name, String(delivery.headers[name])]));
  return fetch(url, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers, signal: AbortSignal.timeout(15_000) });
}

function tampered(): string {
  return delivery.raw.toString('utf8').replace('"customer.created"', '"customer.deleted"');
}

describe.each([
  // Bun evaluates a CommonJS dependency before the ES modules importing it: while tsyringe was an
  // external CommonJS dependency, it ran before the ESM build's Reflect polyfill and threw here.
  ['Bun', startBun, 'dist/index.js'],
  ['Deno', startDeno, 'dist/index.js'],
  ['workerd', startWorkerd, 'dist/index.js'],
])('%s', (name, start, entry) => {
  let started: Started;
  let runtime: RuntimeProcess;
  beforeAll(async () => {
    if (!delivery) throw new Error('The shared setup (build, pack, API, delivery) failed: see its error above.');
    started = await start();
    runtime = started.runtime;
  }, 60_000);
  afterAll(() => started?.runtime.stop());

  test(`runs the packed package (${entry}), not the workspace's sources`, () => {
    expect(started.packageFile).toBe(join(dir, 'node_modules/@billingos/node', entry));
  });

  test('the session route (an AuthProvider, and helpers/generic) answers a token the API accepts for that user; 401 for nobody', () =>
    withOutput(runtime, async () => {
      for (const path of ['/session', '/session/generic']) {
        const userId = `user_${name}${path.replace(/\//g, '_')}`;
        const response = await fetch(`${runtime.url}${path}`, { headers: { 'x-user-id': userId }, signal: AbortSignal.timeout(15_000) });
        const body = (await response.json()) as { sessionToken: string; expiresAt: string };
        expect({ status: response.status, cache: response.headers.get('cache-control'), body }).toEqual({
          status: 200,
          cache: 'no-store',
          body: { sessionToken: expect.any(String), expiresAt: expect.any(String) },
        });
        const claims = JSON.parse(Buffer.from(body.sessionToken.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string };
        expect(claims.sub).toBe(userId);
        const me = await fetch(`${server.url}/v1/me`, { headers: { Authorization: `Bearer ${body.sessionToken}` } });
        expect({ status: me.status, externalUserId: ((await me.json()) as { externalUserId?: string }).externalUserId }).toEqual({ status: 200, externalUserId: userId });
      }
      const nobody = await fetch(`${runtime.url}/session`, { signal: AbortSignal.timeout(15_000) });
      expect({ status: nobody.status, body: await nobody.json() }).toMatchObject({ status: 401, body: { error: { code: 'not_authenticated' } } });
    }));

  test("constructEventAsync (@billingos/node/webhooks) accepts the API's signed delivery and refuses it tampered", () =>
    withOutput(runtime, async () => {
      const event = JSON.parse(delivery.raw.toString('utf8')) as { id: string };
      const accepted = await post(`${runtime.url}/construct-event`, delivery.raw);
      expect({ status: accepted.status, body: await accepted.json() }).toEqual({ status: 200, body: { id: event.id, type: 'customer.created' } });
      const refused = await post(`${runtime.url}/construct-event`, tampered());
      expect({ status: refused.status, body: await refused.json() }).toEqual({ status: 400, body: { name: 'WebhookVerificationError', code: 'signature_mismatch' } });
    }));

  test('createWebhookRoute: 200 and the handler once for the delivery, 400 tampered, then a duplicate', () =>
    withOutput(runtime, async () => {
      const event = JSON.parse(delivery.raw.toString('utf8')) as { id: string };
      const answers = [];
      for (const body of [delivery.raw, tampered(), delivery.raw]) {
        const response = await post(`${runtime.url}/webhooks`, body);
        answers.push({ status: response.status, body: await response.json() });
      }
      const handled = await fetch(`${runtime.url}/handled`, { signal: AbortSignal.timeout(15_000) });
      expect({ answers, handled: await handled.json() }).toMatchObject({
        answers: [
          { status: 200, body: { received: true } },
          { status: 400, body: { error: { code: 'signature_mismatch' } } },
          { status: 200, body: { received: true, duplicate: true } },
        ],
        handled: [event.id],
      });
    }));
});
