import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import {
  ApiError,
  BillingOS,
  ExponentialBackoffRetryPolicy,
  InvalidRequestError,
  RateLimitError,
  RETRY_ATTEMPT_HEADER,
  RetryPolicy,
  TimeoutError,
  VERSION,
} from '@billingos/node';
import { FaultProxy } from '../utils/fault-proxy';

let server: TestServer;
let proxy: FaultProxy;
let billing: BillingOS;
let direct: BillingOS;

const attemptHeader = RETRY_ATTEMPT_HEADER.toLowerCase();

beforeAll(async () => {
  server = await startTestServer();
  proxy = await FaultProxy.start(server.url);
  billing = new BillingOS({
    secretKey: server.secretKey,
    apiUrl: proxy.url,
    timeout: 1_000,
    retryPolicy: new ExponentialBackoffRetryPolicy({ maxRetries: 2, initialDelayMs: 20, maxRetryAfterMs: 3_000 }),
  });
  direct = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url });
});
afterEach(() => proxy.reset());
afterAll(async () => {
  await proxy.close();
  await server.close();
});

async function customersNamed(externalUserId: string): Promise<number> {
  return (await direct.customers.list({ externalUserId })).data.length;
}

function idempotencyKeys(): Array<string | string[] | undefined> {
  return proxy.requests.map((request) => request.headers['idempotency-key']);
}

test('a connection dropped after the API handled a POST is retried with the same key: one customer', async () => {
  proxy.inject({ kind: 'drop-after-upstream' });
  const customer = await billing.customers.create({ externalUserId: 'user_drop' });

  expect(proxy.requests.map((r) => [r.fault, r.upstreamStatus])).toEqual([
    ['drop-after-upstream', 201],
    ['pass', 201],
  ]);
  const [first, second] = idempotencyKeys();
  expect(first).toEqual(expect.any(String));
  expect(second).toBe(first);
  expect(proxy.requests.map((r) => r.headers[attemptHeader])).toEqual(['0', '1']);
  expect(await customersNamed('user_drop')).toBe(1);
  expect((await direct.customers.list({ externalUserId: 'user_drop' })).data[0]!.id).toBe(customer.id);
});

test('a session token request dropped after the API handled it upserts one customer', async () => {
  proxy.inject({ kind: 'drop-after-upstream' }, { kind: 'drop-after-upstream' });
  const token = await billing.createSessionToken({ externalUserId: 'user_drop_token' });
  expect(proxy.requests).toHaveLength(3);
  expect(new Set(idempotencyKeys()).size).toBe(1);
  expect(await customersNamed('user_drop_token')).toBe(1);
  expect(token.customerId).toMatch(/^cus_/);
});

test('503 then success: retried, one write', async () => {
  proxy.inject({ kind: 'respond', status: 503, body: { error: { type: 'api_error', code: 'unavailable', message: 'down' } } });
  await billing.customers.create({ externalUserId: 'user_503' });
  expect(proxy.requests.map((r) => r.fault)).toEqual(['respond', 'pass']);
  expect(await customersNamed('user_503')).toBe(1);
});

test('429 with Retry-After seconds waits that long before the retry', async () => {
  proxy.inject({ kind: 'respond', status: 429, headers: { 'retry-after': '1' }, body: { error: { type: 'rate_limit_error', code: 'rate_limited', message: 'slow down' } } });
  const started = Date.now();
  await billing.customers.list();
  expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  expect(proxy.requests).toHaveLength(2);
});

test('429 with Retry-After as an HTTP date is honoured', async () => {
  const date = new Date(Date.now() + 2_000).toUTCString();
  proxy.inject({ kind: 'respond', status: 429, headers: { 'retry-after': date }, body: {} });
  const started = Date.now();
  await billing.customers.list();
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  expect(proxy.requests).toHaveLength(2);
});

test('a Retry-After beyond the cap is not retried: RateLimitError carries retryAfter', async () => {
  proxy.inject({ kind: 'respond', status: 429, headers: { 'retry-after': '120' }, body: { error: { type: 'rate_limit_error', code: 'rate_limited', message: 'slow down' } } });
  const error = await billing.customers.list().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitError);
  expect(error).toMatchObject({ retryAfter: 120, statusCode: 429 });
  expect(proxy.requests).toHaveLength(1);
});

test('retries stop after maxRetries: three attempts, the last error is thrown', async () => {
  const unavailable = { kind: 'respond', status: 503, body: { error: { type: 'api_error', code: 'unavailable', message: 'down' } } } as const;
  proxy.inject(unavailable, unavailable, unavailable, unavailable);
  await expect(billing.customers.create({ externalUserId: 'user_never' })).rejects.toBeInstanceOf(ApiError);
  expect(proxy.requests.map((r) => r.headers[attemptHeader])).toEqual(['0', '1', '2']);
  expect(await customersNamed('user_never')).toBe(0);
});

test('a response stalled past the timeout is retried with the same key: one customer', async () => {
  proxy.inject({ kind: 'stall-after-upstream' });
  const customer = await billing.customers.create({ externalUserId: 'user_stall' });
  expect(proxy.requests.map((r) => r.upstreamStatus)).toEqual([201, 201]);
  expect(new Set(idempotencyKeys()).size).toBe(1);
  expect(await customersNamed('user_stall')).toBe(1);
  expect(customer.externalUserId).toBe('user_stall');
});

test('the timeout covers the body: headers then a stalled body → TimeoutError', async () => {
  proxy.inject({ kind: 'stall-body' }, { kind: 'stall-body' }, { kind: 'stall-body' });
  const error = await billing.customers.create({ externalUserId: 'user_body' }, { timeout: 300 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TimeoutError);
  expect(proxy.requests).toHaveLength(3);
  expect(await customersNamed('user_body')).toBe(1);
});

test('a caller abort during backoff stops at once with the signal reason, no further attempt', async () => {
  class TenSecondsLater extends RetryPolicy {
    nextDelay(): number {
      return 10_000;
    }
  }
  const slow = new BillingOS({ secretKey: server.secretKey, apiUrl: proxy.url, retryPolicy: TenSecondsLater });
  proxy.inject({ kind: 'respond', status: 503, body: {} });
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('user navigated away')), 200);
  const started = Date.now();
  await expect(slow.customers.list({}, { signal: controller.signal })).rejects.toThrow('user navigated away');
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(proxy.requests).toHaveLength(1);
});

test('a caller abort during a stalled request rejects with the reason and is not retried', async () => {
  proxy.inject({ kind: 'stall-after-upstream' });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const error = await billing.customers.list({}, { signal: controller.signal }).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'AbortError' });
  expect(proxy.requests).toHaveLength(1);
});

test('client errors are not retried; per-call maxRetries: 0 disables retries', async () => {
  await expect(billing.customers.create({ externalUserId: '' })).rejects.toBeInstanceOf(InvalidRequestError);
  expect(proxy.requests).toHaveLength(1);
  proxy.reset();
  proxy.inject({ kind: 'respond', status: 503, body: {} });
  await expect(billing.customers.list({}, { maxRetries: 0 })).rejects.toBeInstanceOf(ApiError);
  expect(proxy.requests).toHaveLength(1);
});

test('headers: User-Agent and Authorization on every call, Idempotency-Key only on POST', async () => {
  await billing.customers.list();
  await billing.customers.create({ externalUserId: 'user_headers' }, { idempotencyKey: 'my-own-key' });
  const [get, post] = proxy.requests;
  expect(get!.headers['user-agent']).toBe(`billingos-node/${VERSION}`);
  expect(get!.headers.authorization).toBe(`Bearer ${server.secretKey}`);
  expect(get!.headers['idempotency-key']).toBeUndefined();
  expect(post!.headers['idempotency-key']).toBe('my-own-key');
  expect(post!.headers['content-type']).toBe('application/json');
});
