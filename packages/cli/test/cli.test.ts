import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { Webhooks } from '@billingos/node';
import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';

// The built bin, spawned as users run it, against a real API and a receiver that verifies.
const PACKAGE = join(__dirname, '..');
const BIN = join(PACKAGE, 'dist', 'bin.js');

interface Received {
  type: string;
  id: string;
  data: any;
  billingos: boolean;
  standard: boolean;
}

let server: TestServer;
let receiver: Server;
let receiverUrl: string;
let sessionSecret = '';
const received: Received[] = [];

function assertBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((entry) => (entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs)));
  let built = 0;
  try {
    built = statSync(BIN).mtimeMs;
  } catch {
    // reported below
  }
  if (built < newest(join(PACKAGE, 'src'))) throw new Error('packages/cli/dist is missing or older than src: run `npm run build -w @billingos/cli`.');
}

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      const billingos = new Webhooks({ secret: sessionSecret }).verify(body, { 'billingos-signature': headers['billingos-signature']! });
      let standard = true;
      try {
        new Webhook(sessionSecret.slice('whsec_'.length)).verify(body, headers);
      } catch {
        standard = false;
      }
      const event = JSON.parse(body);
      received.push({ type: event.type, id: event.id, data: event.data, billingos, standard });
      expect(headers['webhook-id']).toBe(event.id);
      response.writeHead(billingos && standard ? 204 : 400).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await server.close();
});

interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

function billingos(args: string[], env: Record<string, string> = { BILLINGOS_SECRET_KEY: server.secretKey, BILLINGOS_API_URL: server.url }): Spawned {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test' as const, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code: number | null) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async waitForOutput(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(stdout);
        if (match) return match;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern}; stdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

async function waitForEvent(predicate: (event: Received) => boolean, timeoutMs = 20_000): Promise<Received> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const event = received.find(predicate);
    if (event) return event;
    if (Date.now() > deadline) throw new Error(`Timed out; received: ${received.map((each) => each.type).join(', ') || 'nothing'}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('billingos listen', () => {
  let listener: Spawned;

  beforeAll(async () => {
    listener = billingos(['listen', '--forward-to', receiverUrl]);
    sessionSecret = (await listener.waitForOutput(/signing secret for this session is (whsec_\S+)/))[1]!;
  });
  afterAll(async () => {
    listener.child.kill('SIGINT');
    expect(await listener.exited).toBe(0);
  });

  test('forwards an event created through the API, signed with the printed secret, and prints a line for it', async () => {
    const response = await fetch(`${server.url}/v1/customers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ externalUserId: 'listen_user' }),
    });
    const customer = await response.json();
    const event = await waitForEvent((each) => each.type === 'customer.created' && each.data.id === customer.id);
    expect(event).toMatchObject({ billingos: true, standard: true });
    await listener.waitForOutput(new RegExp(`\\d\\d:\\d\\d:\\d\\d  customer\\.created\\s+${event.id}  → \\[204\\] \\d+ ms`));
  });

  test('trigger subscription.renewed produces one, which listen forwards', async () => {
    const triggered = billingos(['trigger', 'subscription.renewed']);
    expect(await triggered.exited).toBe(0);
    expect(triggered.stdout()).toMatch(/test clock\s+clock_/);
    const subscriptionId = /subscription\s+(sub_\S+)/.exec(triggered.stdout())![1];
    const event = await waitForEvent((each) => each.type === 'subscription.renewed' && each.data.id === subscriptionId);
    expect(event).toMatchObject({ billingos: true, standard: true });
    await listener.waitForOutput(new RegExp(`subscription\\.renewed\\s+${event.id}  → \\[204\\]`));
  }, 30_000);

  test.each(['customer.created', 'subscription.created', 'subscription.updated', 'subscription.canceled', 'subscription.trial_will_end'])('trigger %s produces one', async (type) => {
    const before = received.length;
    const triggered = billingos(['trigger', type, '--api-key', server.secretKey, '--api-url', server.url], { PATH: process.env.PATH ?? '' });
    expect(await triggered.exited).toBe(0);
    await waitForEvent((each) => received.indexOf(each) >= before && each.type === type);
  }, 30_000);
});

test('clocks advance moves a test clock', async () => {
  const response = await fetch(`${server.url}/v1/test-clocks`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ frozenTime: '2026-01-01T00:00:00Z' }),
  });
  const clock = await response.json();
  const advanced = billingos(['clocks', 'advance', clock.id, '2026-03-01T00:00:00Z']);
  expect(await advanced.exited).toBe(0);
  expect(advanced.stdout()).toBe(`${clock.id} is at 2026-03-01T00:00:00.000Z (ready)\n`);
  const backwards = billingos(['clocks', 'advance', clock.id, '1767225600']);
  expect(await backwards.exited).toBe(1);
  expect(backwards.stderr()).toMatch(/only moves forward/);
});

test('clear errors: no key, a live key on listen, an unknown event type, --help per command', async () => {
  const noKey = billingos(['listen', '--forward-to', receiverUrl], { PATH: process.env.PATH ?? '' });
  expect(await noKey.exited).toBe(1);
  expect(noKey.stderr()).toBe('No API key: pass --api-key sk_test_… or set BILLINGOS_SECRET_KEY.\n');

  const live = billingos(['listen', '--forward-to', receiverUrl, '--api-key', server.liveSecretKey, '--api-url', server.url], { PATH: process.env.PATH ?? '' });
  expect(await live.exited).toBe(1);
  expect(live.stderr()).toMatch(/^billingos listen works in test mode only: use your sk_test_ key\./);

  const unknown = billingos(['trigger', 'invoice.paid']);
  expect(await unknown.exited).toBe(2);
  expect(unknown.stderr()).toMatch(/Unknown event type "invoice\.paid"\. Known: customer\.created/);

  for (const command of ['listen', 'trigger', 'clocks']) {
    const help = billingos([command, '--help'], { PATH: process.env.PATH ?? '' });
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toMatch(new RegExp(`^Usage: billingos ${command}`));
    expect(help.stdout()).toMatch(/--api-key/);
  }
});
