import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { addMerchant } from './support/extra-merchant';
import { createCustomer } from './support/fixtures';
import { client, expectError } from './support/http';
import { startRecordingReceiver } from './support/recording-receiver';
import type { RecordingReceiver } from './support/recording-receiver';

type FakeAnswer = { address: string; family: number }[] | 'no answer';

/** Names this file's DNS answers itself (the rest go to the real resolver), as a rebinding attacker's DNS would. */
const mockDns = new Map<string, FakeAnswer>();
jest.mock('node:dns/promises', () => {
  const actual = jest.requireActual<typeof import('node:dns/promises')>('node:dns/promises');
  return {
    ...actual,
    lookup: (host: string, options: object) => {
      const fake = mockDns.get(host);
      if (fake === 'no answer') return new Promise(() => undefined);
      return fake ? Promise.resolve(fake) : actual.lookup(host, options);
    },
  };
});

const v4 = (...addresses: string[]) => addresses.map((address) => ({ address, family: 4 }));
const keys = generateMerchantKeys();
let scratch: ScratchDatabase | undefined;
let server: ApiServer;
let api: ReturnType<typeof client>;
let receiver: RecordingReceiver;
let receiverPort: string;

beforeAll(async () => {
  const pgUrl = process.env.TEST_DATABASE_URL;
  scratch = pgUrl ? await createScratchDatabase(pgUrl) : undefined;
  receiver = await startRecordingReceiver();
  receiverPort = new URL(receiver.origin).port;
  server = await startApiServer({ port: 0, keys, lifecycleIntervalMs: 0, ...(scratch ? { databaseUrl: scratch.url } : {}) });
  api = client(server.url);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await receiver?.close();
  await scratch?.drop();
});

async function createEndpoint(url: string, key = keys.secretKey): Promise<{ id: string }> {
  const response = await api('POST', '/v1/webhook-endpoints', { key, body: { url, enabledEvents: ['customer.created'] } });
  expect(response.status).toBe(201);
  return response.body;
}

async function attemptsOf(endpointId: string, count: number): Promise<any[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const attempts = [...(await api('GET', `/v1/webhook-endpoints/${endpointId}/deliveries`, { key: keys.secretKey })).body.data].reverse();
    if (attempts.length >= count || Date.now() > deadline) return attempts;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A port on this machine nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('addresses at creation', () => {
  test.each([
    ['intranet.example', v4('10.20.30.40')],
    ['mixed.example', v4('93.184.216.34', '172.16.9.9')],
    ['metadata.example', v4('169.254.169.254')],
    ['cgnat.example', v4('100.64.3.4')],
    ['ula.example', [{ address: 'fd12:3456::1', family: 6 }]],
  ])('a name that resolves to a non-public address (%s) is refused in both modes, without naming the address', async (host, answer) => {
    mockDns.set(host, answer);
    for (const [key, url] of [[keys.secretKey, `http://${host}/hooks`], [keys.liveSecretKey, `https://${host}/hooks`]] as const) {
      const error = expectError(await api('POST', '/v1/webhook-endpoints', { key, body: { url, enabledEvents: ['*'] } }), 400, 'invalid_request_error', 'url_forbidden_address');
      expect(error).toMatchObject({ param: 'url', message: 'The URL resolves to a private network address; webhook endpoints must be publicly reachable (test mode also accepts localhost).' });
    }
  });

  test('a name that resolves to loopback is local development: test mode takes it, live mode refuses it without naming the address', async () => {
    mockDns.set('dev.example', v4('127.0.0.1'));
    await createEndpoint('http://dev.example:3000/hooks');
    const error = expectError(await api('POST', '/v1/webhook-endpoints', { key: keys.liveSecretKey, body: { url: 'https://dev.example/hooks', enabledEvents: ['*'] } }), 400, 'invalid_request_error', 'url_forbidden_address');
    expect(error.message).toBe('The URL resolves to a loopback address; webhook endpoints must be publicly reachable (test mode also accepts localhost).');
  });

  test('PATCH checks a new URL the same way', async () => {
    mockDns.set('patched.example', v4('192.168.1.20'));
    const endpoint = await createEndpoint(`${receiver.origin}/patch`);
    const error = expectError(await api('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey, body: { url: 'http://patched.example/hooks' } }), 400, 'invalid_request_error', 'url_forbidden_address');
    expect(error.message).not.toContain('192.168');
    await api('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey });
  });

  test('a live host whose DNS does not answer is refused after 5 s', async () => {
    mockDns.set('slow-dns.example', 'no answer');
    const started = Date.now();
    const error = expectError(await api('POST', '/v1/webhook-endpoints', { key: keys.liveSecretKey, body: { url: 'https://slow-dns.example/hooks', enabledEvents: ['*'] } }), 400, 'invalid_request_error', 'url_unresolvable');
    expect(error.message).toBe('The webhook host "slow-dns.example" did not resolve within 5 s.');
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
  });
});

describe('addresses at delivery', () => {
  test('the host is resolved and checked again before each delivery, and the connection goes to the checked address; a refusal names no address', async () => {
    // Only this file's DNS knows the name: a delivery that arrives went to the address it checked.
    mockDns.set('rebind.example', v4('127.0.0.1'));
    const endpoint = await createEndpoint(`http://rebind.example:${receiverPort}/rebind`);
    await createCustomer(api, keys.secretKey, 'rebind_before');
    await receiver.waitFor((deliveries) => deliveries.some((delivery) => delivery.path === '/rebind'));

    mockDns.set('rebind.example', v4('127.0.0.1', '192.168.7.7'));
    await createCustomer(api, keys.secretKey, 'rebind_after');
    const attempts = await attemptsOf(endpoint.id, 2);
    expect(attempts[1]).toMatchObject({
      responseStatus: null,
      error: 'The URL resolves to a private network address; webhook endpoints must be publicly reachable (test mode also accepts localhost).',
    });
    expect(receiver.deliveries.filter((delivery) => delivery.path === '/rebind').map((delivery) => delivery.event.data.externalUserId)).toEqual(['rebind_before']);
    await api('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey });
  });

  test('a refused connection is recorded without the address or port it went to', async () => {
    const port = await closedPort();
    mockDns.set('refused.example', v4('127.0.0.1'));
    const endpoint = await createEndpoint(`http://refused.example:${port}/hooks`);
    await createCustomer(api, keys.secretKey, 'refused_user');
    const [attempt] = await attemptsOf(endpoint.id, 1);
    expect(attempt).toMatchObject({ responseStatus: null, error: "The connection was refused: nothing accepts connections at the URL's port." });
    await api('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey });
  });

  test('a DNS lookup that never answers ends the attempt after 5 s, well inside its 10 s, with a clear error', async () => {
    mockDns.set('stalls.example', v4('127.0.0.1'));
    const endpoint = await createEndpoint(`http://stalls.example:${receiverPort}/stalls`);
    mockDns.set('stalls.example', 'no answer');
    await createCustomer(api, keys.secretKey, 'stalls_user');
    const [attempt] = await attemptsOf(endpoint.id, 1);
    expect(attempt).toMatchObject({ responseStatus: null, error: 'The webhook host "stalls.example" did not resolve within 5 s.' });
    expect(attempt.durationMs).toBeGreaterThanOrEqual(4_900);
    expect(attempt.durationMs).toBeLessThan(6_000);
    await api('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey });
  }, 30_000);
});

describe('how many', () => {
  test('a merchant has at most 16 endpoints per mode; creating a 17th answers 400 webhook_endpoint_limit, even when created at once', async () => {
    const merchantKey = await addMerchant(server.database, 'mer_endpoint_cap');
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push((await createEndpoint(`${receiver.origin}/cap/${i}`, merchantKey)).id);
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, i) => api('POST', '/v1/webhook-endpoints', { key: merchantKey, body: { url: `${receiver.origin}/cap/race-${i}`, enabledEvents: ['*'] } })),
    );
    expect(racing.map((response) => response.status).sort()).toEqual([201, 201, 201, 201, 400, 400, 400, 400]);
    ids.push(...racing.filter((response) => response.status === 201).map((response) => response.body.id as string));

    const error = expectError(await api('POST', '/v1/webhook-endpoints', { key: merchantKey, body: { url: `${receiver.origin}/cap/17`, enabledEvents: ['*'] } }), 400, 'invalid_request_error', 'webhook_endpoint_limit');
    expect(error.message).toMatch(/already has 16 webhook endpoints in test mode.*Delete one/);
    expect((await api('GET', '/v1/webhook-endpoints?limit=100', { key: merchantKey })).body.data).toHaveLength(16);

    await api('DELETE', `/v1/webhook-endpoints/${ids[0]}`, { key: merchantKey });
    await createEndpoint(`${receiver.origin}/cap/after-delete`, merchantKey);
  });

  test('the limit counts each mode on its own', async () => {
    const existing = (await api('GET', '/v1/webhook-endpoints?limit=100', { key: keys.secretKey })).body.data.length;
    for (let i = existing; i < 16; i += 1) await createEndpoint(`${receiver.origin}/modes/${i}`);
    expectError(await api('POST', '/v1/webhook-endpoints', { key: keys.secretKey, body: { url: `${receiver.origin}/modes/17`, enabledEvents: ['*'] } }), 400, 'invalid_request_error', 'webhook_endpoint_limit');
    await createEndpoint('https://93.184.216.34/modes', keys.liveSecretKey);
  });
});
