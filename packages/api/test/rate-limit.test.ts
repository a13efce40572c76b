import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { client, expectError } from './support/http';

let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startTestServer({ rateLimit: { max: 3, windowMs: 60_000 } });
  api = client(server.url);
});
afterAll(() => server.close());

test('the fourth request in a window is a 429 with Retry-After; other keys are not affected', async () => {
  for (let i = 0; i < 3; i += 1) expect((await api('GET', '/v1/customers', { key: server.secretKey })).status).toBe(200);
  const limited = await api('GET', '/v1/customers', { key: server.secretKey });
  expectError(limited, 429, 'rate_limit_error', 'rate_limited');
  const retryAfter = Number(limited.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(limited.headers.get('ratelimit-remaining')).toBe('0');
  expect((await api('GET', '/v1/customers', { key: server.liveSecretKey })).status).toBe(200);
});

test('requests without a credential are limited per client address', async () => {
  for (let i = 0; i < 3; i += 1) expect((await api('GET', '/v1/customers')).status).toBe(401);
  expectError(await api('GET', '/v1/customers'), 429, 'rate_limit_error');
});

test('a client cycling through invalid keys is limited per address too (a new Authorization header is no new budget)', async () => {
  const own = await startTestServer({ rateLimit: { max: 3, windowMs: 60_000 } });
  try {
    const call = client(own.url);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await call('GET', '/v1/customers', { key: `sk_test_guess${i}xxxxxxxxxxxxxxxx` })).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    const limited = await call('GET', '/v1/customers', { key: 'sk_test_guess_another_xxxxxxxxxxxx' });
    expectError(limited, 429, 'rate_limit_error', 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  } finally {
    await own.close();
  }
});

test('a key accepted before keeps working from an address locked out for refused credentials (a server behind the same proxy)', async () => {
  const own = await startTestServer({ rateLimit: { max: 3, windowMs: 60_000 } });
  try {
    const call = client(own.url);
    expect((await call('GET', '/v1/customers', { key: own.secretKey })).status).toBe(200);
    // A public route answers 200 to any header, so it cannot vouch for a guessed key.
    const guess = 'sk_test_guess_via_health_xxxxxxxx';
    expect((await call('GET', '/health', { key: guess })).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await call('GET', '/v1/customers', { key: `sk_test_guess${i}xxxxxxxxxxxxxxxx` })).status).toBe(401);
    expectError(await call('GET', '/v1/customers', { key: 'sk_test_guess_another_xxxxxxxxxxxx' }), 429, 'rate_limit_error', 'rate_limited');
    expect((await call('GET', '/v1/customers', { key: own.secretKey })).status).toBe(200);
    expectError(await call('GET', '/v1/customers', { key: guess }), 429, 'rate_limit_error', 'rate_limited');
  } finally {
    await own.close();
  }
});
