import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { assertBuilt, killStragglers, scratchHome, spawnCli, spawnCliOnTerminal } from './support/cli-process';

// Where the secret key comes from, and where it may go.
let server: TestServer;
const home = scratchHome();

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
});
afterAll(async () => {
  await killStragglers();
  await server.close();
});

const WARNING = 'Warning: --api-key exposes your secret key to other users of this machine (ps) and to your shell history. Set BILLINGOS_SECRET_KEY instead.\n';

test('BILLINGOS_SECRET_KEY is read without a word; --api-key still works, with a warning on stderr', async () => {
  const fromEnv = spawnCli(['trigger', 'customer.created'], { ...home, BILLINGOS_SECRET_KEY: server.secretKey, BILLINGOS_API_URL: server.url });
  expect(await fromEnv.exited).toBe(0);
  expect(fromEnv.stderr()).toBe('');

  const fromFlag = spawnCli(['trigger', 'customer.created', '--api-key', server.secretKey, '--api-url', server.url], home);
  expect(await fromFlag.exited).toBe(0);
  expect(fromFlag.stdout()).toMatch(/customer\s+cus_/);
  expect(fromFlag.stderr()).toBe(WARNING);
});

test('without a key and without a terminal: one line saying what to set', async () => {
  const noKey = spawnCli(['trigger', 'customer.created'], { ...home, BILLINGOS_API_URL: server.url });
  expect(await noKey.exited).toBe(1);
  expect(noKey.stderr()).toBe('No API key: set BILLINGOS_SECRET_KEY=sk_test_… (or run billingos in a terminal to be asked for it).\n');
});

describe('on a terminal, without BILLINGOS_SECRET_KEY', () => {
  const PROMPT = /BillingOS secret key \(sk_test_…, not shown\): /;

  test('it asks for the key and does not echo it', async () => {
    const session = spawnCliOnTerminal(['trigger', 'customer.created'], { ...home, BILLINGOS_API_URL: server.url });
    await session.waitForOutput(PROMPT);
    session.child.stdin!.write(`${server.secretKey}\r`);
    expect(await session.exited).toBe(0);
    expect(session.stdout()).toMatch(/customer\s+cus_/);
    expect(session.stdout()).not.toContain(server.secretKey.slice(0, 12));
  });

  test('Ctrl-C at the prompt gives up with one line', async () => {
    const session = spawnCliOnTerminal(['trigger', 'customer.created'], { ...home, BILLINGOS_API_URL: server.url });
    await session.waitForOutput(PROMPT);
    session.child.stdin!.write('sk_test_half\u0003');
    expect(await session.exited).toBe(1);
    expect(session.stdout()).toMatch(/not shown\): \r?\nNo API key given\.\r?\n$/);
    expect(session.stdout()).not.toContain('sk_test_half');
  });
});

test.each(['http://api.example.com', 'http://10.0.0.1:3001', 'http://[2001:db8::1]', 'http://localhost.example.com'])('plain http to %s is refused before the key is read or sent', async (apiUrl) => {
  const refused = spawnCli(['trigger', 'customer.created'], { ...home, BILLINGOS_SECRET_KEY: server.secretKey, BILLINGOS_API_URL: apiUrl });
  expect(await refused.exited).toBe(1);
  const { origin, host } = new URL(apiUrl);
  expect(refused.stderr()).toBe(`Refusing ${origin}: plain http would send your secret key across the network unencrypted. Use https://${host} (http is for localhost only).\n`);
});

test.each(['http://localhost:3001', 'http://127.0.0.2:3001', 'http://[::1]:3001', 'https://api.example.com'])('%s is taken', async (apiUrl) => {
  // --print-secret reads the connection and never calls the API.
  const taken = spawnCli(['listen', '--print-secret'], { ...home, BILLINGOS_SECRET_KEY: server.secretKey, BILLINGOS_API_URL: apiUrl });
  expect(await taken.exited).toBe(0);
  expect(taken.stderr()).toBe('');
});
