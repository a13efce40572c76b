import type { RateLimitOptions } from '../src/app/api-config';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import type { MerchantKeys } from '../src/bootstrap/merchant-keys';
import { readServerEnv } from '../src/bootstrap/server-env';
import { ExpiringMap } from '../src/rate-limit/expiring-map';
import { MemoryWindowCounter } from '../src/rate-limit/memory-window-counter';
import { startApiServer } from '../src/server';
import type { TrustProxy } from '../src/rate-limit/trust-proxy';
import { mintToken } from './support/fixtures';
import { client, expectError } from './support/http';
import type { ApiResponse, CallOptions } from './support/http';

interface Server {
  keys: MerchantKeys;
  api: ReturnType<typeof client>;
  close(): Promise<void>;
}

/** A real API on in-memory PGlite (the limiter counts in process), with the proxy setting under test. */
async function startServer(rateLimit: RateLimitOptions, trustProxy?: TrustProxy): Promise<Server> {
  const keys = generateMerchantKeys();
  const server = await startApiServer({ port: 0, keys, rateLimit, ...(trustProxy !== undefined ? { trustProxy } : {}) });
  return { keys, api: client(server.url), close: () => server.close() };
}

const MINUTE = 60_000;

/** Calls `GET path` as the client at `address` (believed only by a server that trusts a proxy). */
function from(server: Server, address: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  return server.api('GET', path, { ...options, headers: { ...options.headers, 'X-Forwarded-For': address } });
}

const guess = (i: number | string) => `sk_test_guess${i}xxxxxxxxxxxxxxxxxxxx`;

describe('on one address, X-Forwarded-For ignored (TRUST_PROXY off)', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ max: 3, windowMs: MINUTE });
  });
  afterAll(() => server.close());

  test('the fourth request in a window is a 429 with Retry-After; other keys are not affected', async () => {
    for (let i = 0; i < 3; i += 1) expect((await server.api('GET', '/v1/customers', { key: server.keys.secretKey })).status).toBe(200);
    const limited = await server.api('GET', '/v1/customers', { key: server.keys.secretKey });
    expectError(limited, 429, 'rate_limit_error', 'rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect((await server.api('GET', '/v1/customers', { key: server.keys.liveSecretKey })).status).toBe(200);
  });

  test('requests without a credential are limited per client address, whatever X-Forwarded-For claims', async () => {
    for (let i = 0; i < 3; i += 1) expect((await from(server, `10.0.0.${i}`, '/v1/customers')).status).toBe(401);
    expectError(await from(server, '10.0.0.9', '/v1/customers'), 429, 'rate_limit_error', 'rate_limited');
    expectError(await server.api('GET', '/v1/customers'), 429, 'rate_limit_error', 'rate_limited');
  });
});

describe('behind a trusted proxy (TRUST_PROXY on: one hop)', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ max: 3, windowMs: MINUTE }, true);
  });
  afterAll(() => server.close());

  test('each client address the proxy reports has its own budget for refused credentials', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await from(server, '10.1.0.1', '/v1/customers', { key: guess(i) })).status);
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await from(server, '10.1.0.1', '/v1/customers', { key: guess('another') });
    expectError(limited, 429, 'rate_limit_error', 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await from(server, '10.1.0.2', '/v1/customers', { key: guess('x') })).status).toBe(401);
  });

  test('the client is the address the proxy saw (the right-most entry), not what the client wrote before it', async () => {
    for (let i = 0; i < 3; i += 1) expect((await from(server, '10.1.1.1', '/v1/customers')).status).toBe(401);
    expectError(await from(server, '10.1.1.2, 10.1.1.1', '/v1/customers'), 429, 'rate_limit_error');
    expect((await from(server, '10.1.1.1, 10.1.1.3', '/v1/customers')).status).toBe(401);
  });

  test('a key accepted before keeps working from an address locked out for refused credentials (a server behind the same proxy)', async () => {
    const address = '10.1.2.1';
    expect((await from(server, address, '/v1/customers', { key: server.keys.secretKey })).status).toBe(200);
    // A public route answers 200 to any header, so it cannot vouch for a guessed key.
    const vouched = guess('via_health');
    expect((await from(server, address, '/health', { key: vouched })).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await from(server, address, '/v1/customers', { key: guess(`l${i}`) })).status).toBe(401);
    expectError(await from(server, address, '/v1/customers', { key: guess('l_another') }), 429, 'rate_limit_error', 'rate_limited');
    expect((await from(server, address, '/v1/customers', { headers: { Authorization: `bearer   ${server.keys.secretKey}` } })).status).toBe(200);
    expectError(await from(server, address, '/v1/customers', { key: vouched }), 429, 'rate_limit_error', 'rate_limited');
    expectError(await from(server, address, '/v1/customers'), 429, 'rate_limit_error', 'rate_limited');
  });
});

describe('budgets belong to the resolved credential', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ max: 5, windowMs: MINUTE });
  });
  afterAll(() => server.close());

  test('every spelling of the Authorization header spends one budget', async () => {
    const key = server.keys.publishableKey;
    const spellings = [`Bearer ${key}`, `bearer ${key}`, `BEARER  ${key}`, `Bearer\t${key}`, `bEaReR ${key}`];
    const remaining: (string | null)[] = [];
    for (const authorization of spellings) {
      const response = await server.api('GET', '/v1/products', { headers: { Authorization: authorization } });
      expect(response.status).toBe(200);
      remaining.push(response.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    expectError(await server.api('GET', '/v1/products', { headers: { Authorization: `BEARER ${key}` } }), 429, 'rate_limit_error', 'rate_limited');
  });

  test("two session tokens of one customer share its budget; another customer's token has its own", async () => {
    const first = await mintToken(server.api, server.keys.secretKey, 'shared_user');
    const second = await mintToken(server.api, server.keys.secretKey, 'shared_user');
    const other = await mintToken(server.api, server.keys.secretKey, 'other_user');
    expect(first.sessionToken).not.toBe(second.sessionToken);
    const statuses: number[] = [];
    for (const token of [first, second, first, second, first, second, first]) statuses.push((await server.api('GET', '/v1/me', { key: token.sessionToken })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect((await server.api('GET', '/v1/me', { key: other.sessionToken })).status).toBe(200);
  });

  test("while the address is locked out, a new token of a customer accepted lately passes, a stranger's does not", async () => {
    for (let i = 0; i < 5; i += 1) expect((await server.api('GET', '/v1/me', { key: `not.a.token${i}` })).status).toBe(401);
    expectError(await server.api('GET', '/v1/me', { key: 'not.a.token' }), 429, 'rate_limit_error', 'rate_limited');
    // The secret key was accepted lately (it minted above), so the merchant's server can still mint.
    const fresh = await mintToken(server.api, server.keys.secretKey, 'other_user');
    expect((await server.api('GET', '/v1/me', { key: fresh.sessionToken })).status).toBe(200);
    const stranger = await mintToken(server.api, server.keys.secretKey, 'stranger');
    expectError(await server.api('GET', '/v1/me', { key: stranger.sessionToken }), 429, 'rate_limit_error', 'rate_limited');
  });
});

describe('memory stays bounded whatever headers arrive', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ max: 5, windowMs: MINUTE, maxKeys: 20 }, true);
  });
  afterAll(() => server.close());

  test('a flood of distinct bogus credentials adds no counters: the accepted key keeps its window', async () => {
    const ok = await from(server, '10.2.0.1', '/v1/customers', { key: server.keys.secretKey });
    expect(ok.headers.get('ratelimit-remaining')).toBe('4');
    const bogus = (i: number) => [guess(`flood${i}`), `Bearer.${i}.x`, `Basic dXNlcjoke${i}`, `Bearer pk_live_${i}`, `Bearer ${'x'.repeat(i % 40)}.${i}`][i % 5]!;
    const statuses: number[] = [];
    for (let batch = 0; batch < 300; batch += 25) {
      const responses = await Promise.all(
        Array.from({ length: 25 }, (_, i) => server.api('GET', '/v1/customers', { headers: { Authorization: bogus(batch + i), 'X-Forwarded-For': '10.2.0.2' } })),
      );
      statuses.push(...responses.map((response) => response.status));
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(295);
    const after = await from(server, '10.2.0.1', '/v1/customers', { key: server.keys.secretKey });
    expect(after.headers.get('ratelimit-remaining')).toBe('3');
  });

  test('past maxKeys client addresses, the oldest windows are dropped', async () => {
    expect((await from(server, '10.3.0.1', '/health')).headers.get('ratelimit-remaining')).toBe('4');
    expect((await from(server, '10.3.0.1', '/health')).headers.get('ratelimit-remaining')).toBe('3');
    for (let i = 0; i < 40; i += 1) expect((await from(server, `10.3.1.${i}`, '/health')).status).toBe(200);
    expect((await from(server, '10.3.0.1', '/health')).headers.get('ratelimit-remaining')).toBe('4');
  });

  test('the in-memory counter never holds more than maxKeys windows', async () => {
    const counter = new MemoryWindowCounter({ windowMs: MINUTE, maxKeys: 1_000 });
    for (let i = 0; i < 50_000; i += 1) await counter.hit(`ip:flood-${i}`);
    expect(counter.size).toBe(1_000);
    expect((await counter.hit('ip:flood-49999')).count).toBe(2);
    expect((await counter.hit('ip:flood-0')).count).toBe(1);
  });

  test('expired entries leave before live ones are dropped', () => {
    const map = new ExpiringMap<string, number>(3);
    map.set('a', 1, 1_000, 0);
    map.set('b', 2, 5_000, 0);
    map.set('c', 3, 5_000, 0);
    map.set('d', 4, 6_000, 2_000);
    expect([map.get('a', 2_000), map.get('b', 2_000), map.get('c', 2_000), map.get('d', 2_000)]).toEqual([undefined, 2, 3, 4]);
    map.set('e', 5, 7_000, 2_000);
    expect(map.size).toBe(3);
    expect(map.get('b', 2_000)).toBeUndefined();
  });
});

test('TRUST_PROXY: a boolean or a number of proxies; unset leaves X-Forwarded-For ignored', () => {
  const read = (value?: string) => readServerEnv({ ...(value !== undefined ? { TRUST_PROXY: value } : {}) }, '/unused').trustProxy;
  expect(read()).toBeUndefined();
  expect(read('')).toBeUndefined();
  expect([read('true'), read('ON'), read('1'), read('2')]).toEqual([true, true, 1, 2]);
  expect([read('false'), read('no'), read('0')]).toEqual([false, false, 0]);
  expect(() => read('maybe')).toThrow(/TRUST_PROXY must be true or false .* or a number of proxies, got "maybe"/);
});
