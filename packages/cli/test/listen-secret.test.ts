import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { assertBuilt, killStragglers, scratchHome, spawnCli } from './support/cli-process';
import type { Spawned } from './support/cli-process';
import { REJECTION, startVerifyingReceiver } from './support/verifying-receiver';
import type { VerifyingReceiver } from './support/verifying-receiver';

// billingos listen keeps one signing secret per API key and API URL, as the Stripe CLI does.
let server: TestServer;
let receiver: VerifyingReceiver;

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
  receiver = await startVerifyingReceiver();
});
afterAll(async () => {
  await killStragglers();
  await receiver.close();
  await server.close();
});

function connectedTo(home: Record<string, string>, overrides: Record<string, string> = {}): Record<string, string> {
  return { ...home, BILLINGOS_SECRET_KEY: server.secretKey, BILLINGOS_API_URL: server.url, ...overrides };
}

async function createCustomer(externalUserId: string): Promise<{ id: string }> {
  const response = await fetch(`${server.url}/v1/customers`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ externalUserId }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

async function stop(listener: Spawned): Promise<void> {
  listener.child.kill('SIGINT');
  expect(await listener.exited).toBe(0);
}

async function printSecret(env: Record<string, string>, ...flags: string[]): Promise<string> {
  const printed = spawnCli(['listen', '--print-secret', ...flags], env);
  expect(await printed.exited).toBe(0);
  expect(printed.stdout()).toMatch(/^whsec_[A-Za-z0-9+/]{43}=\n$/);
  return printed.stdout().trim();
}

test('a restarted listen signs with the same secret, so the app keeps verifying; the secret is kept in a 0600 file without the key', async () => {
  const home = scratchHome();
  const first = spawnCli(['listen', '--forward-to', `${receiver.origin}/webhooks`], connectedTo(home));
  const [, secret, why] = await first.waitForOutput(/Your webhook signing secret is (whsec_\S+) \((.*)\)\n/);
  const file = join(home.XDG_CONFIG_HOME!, 'billingos', 'listen-secrets.json');
  expect(why).toBe(`new: set it as your app's webhook secret; listen keeps using it, kept in ${file}`);
  receiver.secret = secret!;
  const before = await createCustomer('restart_before');
  const delivered = await receiver.waitFor((each) => each.data.id === before.id);
  expect(delivered).toMatchObject({ billingos: true, standard: true });
  await stop(first);

  const second = spawnCli(['listen', '--forward-to', `${receiver.origin}/webhooks`], connectedTo(home));
  expect((await second.waitForOutput(/Your webhook signing secret is (whsec_\S+) \((.*)\)\n/)).slice(1)).toEqual([secret, 'the same as last time']);
  const after = await createCustomer('restart_after');
  const redelivered = await receiver.waitFor((each) => each.data.id === after.id);
  expect(redelivered).toMatchObject({ billingos: true, standard: true });
  await second.waitForOutput(new RegExp(`customer\\.created\\s+${redelivered.id}  → \\[204\\] \\d+ ms\\n`));
  await stop(second);

  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
  const kept = readFileSync(file, 'utf8');
  expect(kept).toContain(secret);
  expect(kept).toContain(server.url);
  expect(kept).not.toContain(server.secretKey);
  expect(kept).not.toContain(server.secretKey.slice('sk_test_'.length, 'sk_test_'.length + 12));
}, 60_000);

test('--print-secret prints it alone; --new-secret replaces it for good', async () => {
  const env = connectedTo(scratchHome());
  const secret = await printSecret(env);
  expect(await printSecret(env)).toBe(secret);
  const renewed = await printSecret(env, '--new-secret');
  expect(renewed).not.toBe(secret);
  expect(await printSecret(env)).toBe(renewed);

  const listener = spawnCli(['listen', '--new-secret', '--forward-to', `${receiver.origin}/webhooks`], env);
  const [, rotated, why] = await listener.waitForOutput(/Your webhook signing secret is (whsec_\S+) \((.*)\)\n/);
  expect(why).toBe('new, as --new-secret asked: the previous one no longer signs, so update your app');
  expect([secret, renewed]).not.toContain(rotated);
  await stop(listener);
  expect(await printSecret(env)).toBe(rotated);
});

test('one secret per API key and per API URL', async () => {
  const home = scratchHome();
  const ours = await printSecret(connectedTo(home));
  const otherKey = await printSecret(connectedTo(home, { BILLINGOS_SECRET_KEY: 'sk_test_another_merchant_key' }));
  const otherApi = await printSecret(connectedTo(home, { BILLINGOS_API_URL: 'http://localhost:3999' }));
  expect(new Set([ours, otherKey, otherApi]).size).toBe(3);
  expect(await printSecret(connectedTo(home, { BILLINGOS_SECRET_KEY: 'sk_test_another_merchant_key' }))).toBe(otherKey);
  expect(await printSecret(connectedTo(home))).toBe(ours);
});

test('a secrets file that is not what billingos wrote is reported and replaced', async () => {
  const home = scratchHome();
  await printSecret(connectedTo(home));
  const file = join(home.XDG_CONFIG_HOME!, 'billingos', 'listen-secrets.json');
  writeFileSync(file, '{ not json');
  const printed = spawnCli(['listen', '--print-secret'], connectedTo(home));
  expect(await printed.exited).toBe(0);
  expect(printed.stderr()).toBe(`Ignoring ${file}: it is not what billingos wrote (it will be rewritten).\n`);
  expect(JSON.parse(readFileSync(file, 'utf8')).secrets[0].secret).toBe(printed.stdout().trim());
});

test("a refused forward prints the start of the receiver's answer, on one line, after the status", async () => {
  const listener = spawnCli(['listen', '--forward-to', `${receiver.origin}/reject`], connectedTo(scratchHome()));
  await listener.waitForOutput(/Ready!/);
  const customer = await createCustomer('refused');
  const rejected = await receiver.waitFor((each) => each.path === '/reject' && each.data.id === customer.id);
  const [line] = await listener.waitForOutput(new RegExp(`customer\\.created\\s+${rejected.id}  → \\[422\\] \\d+ ms  .*\\n`));
  const flat = REJECTION.replace(/\n */g, ' ');
  expect(flat.length).toBeGreaterThan(200);
  expect(line.slice(line.indexOf(' ms  ') + 5, -1)).toBe(`${flat.slice(0, 200)}…`);
  await stop(listener);
});
