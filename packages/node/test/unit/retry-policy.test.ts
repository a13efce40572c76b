import { ApiError, ConnectionError, ExponentialBackoffRetryPolicy, InvalidRequestError, NoRetryPolicy, TimeoutError } from '@billingos/node';
import type { BillingOSError, RetryContext } from '@billingos/node';
import { parseRetryAfter } from '../../src/http/parse-retry-after';

function context(error: BillingOSError, overrides: Partial<RetryContext> = {}): RetryContext {
  return { retriesSoFar: 0, error, retryAfterMs: undefined, shouldRetryHint: undefined, maxRetries: undefined, ...overrides };
}
const status = (statusCode: number) => new ApiError({ message: 'x', statusCode });

test.each([408, 409, 429, 500, 502, 503, 504])('HTTP %i is retried', (code) => {
  expect(new ExponentialBackoffRetryPolicy().nextDelay(context(status(code)))).not.toBeNull();
});

test.each([400, 401, 403, 404, 422, 501])('HTTP %i is not retried', (code) => {
  expect(new ExponentialBackoffRetryPolicy().nextDelay(context(status(code)))).toBeNull();
});

test('connection errors and timeouts are retried; validation errors are not', () => {
  const policy = new ExponentialBackoffRetryPolicy();
  expect(policy.nextDelay(context(new ConnectionError({ message: 'x' })))).not.toBeNull();
  expect(policy.nextDelay(context(new TimeoutError({ message: 'x' })))).not.toBeNull();
  expect(policy.nextDelay(context(new InvalidRequestError({ message: 'x', statusCode: 400 })))).toBeNull();
});

test('full jitter: each delay lies in [0, min(max, initial·2^n)]', () => {
  const policy = new ExponentialBackoffRetryPolicy({ maxRetries: 10, initialDelayMs: 100, maxDelayMs: 1_000 });
  for (let retriesSoFar = 0; retriesSoFar < 6; retriesSoFar += 1) {
    const ceiling = Math.min(1_000, 100 * 2 ** retriesSoFar);
    const delays = Array.from({ length: 200 }, () => policy.nextDelay(context(status(503), { retriesSoFar }))!);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(ceiling);
    expect(new Set(delays).size).toBeGreaterThan(100);
  }
});

test('the budget: maxRetries from the policy, overridable per call', () => {
  const policy = new ExponentialBackoffRetryPolicy({ maxRetries: 1 });
  expect(policy.nextDelay(context(status(503), { retriesSoFar: 1 }))).toBeNull();
  expect(policy.nextDelay(context(status(503), { retriesSoFar: 1, maxRetries: 3 }))).not.toBeNull();
  expect(new ExponentialBackoffRetryPolicy({ maxRetries: 0 }).nextDelay(context(status(503)))).toBeNull();
});

test('Retry-After wins over backoff up to the cap; the API hint wins over the status', () => {
  const policy = new ExponentialBackoffRetryPolicy({ maxRetryAfterMs: 5_000 });
  expect(policy.nextDelay(context(status(429), { retryAfterMs: 4_000 }))).toBe(4_000);
  expect(policy.nextDelay(context(status(429), { retryAfterMs: 6_000 }))).toBeNull();
  expect(policy.nextDelay(context(status(409), { shouldRetryHint: false }))).toBeNull();
  expect(policy.nextDelay(context(status(400), { shouldRetryHint: true }))).not.toBeNull();
});

test('a 409 for a key reused with another body is final; one for a request in flight is retried', () => {
  const policy = new ExponentialBackoffRetryPolicy();
  const conflict = (code: string) => new ApiError({ message: 'x', statusCode: 409, code });
  expect(policy.nextDelay(context(conflict('idempotency_key_reused')))).toBeNull();
  expect(policy.nextDelay(context(conflict('idempotency_request_in_progress'), { retryAfterMs: 1_000 }))).toBe(1_000);
});

test('NoRetryPolicy never retries', () => {
  expect(new NoRetryPolicy().nextDelay()).toBeNull();
});

test('parseRetryAfter reads seconds and HTTP dates', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  expect(parseRetryAfter('3', now)).toBe(3_000);
  expect(parseRetryAfter('0.5', now)).toBe(500);
  expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
  expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  expect(parseRetryAfter('soon', now)).toBeUndefined();
  expect(parseRetryAfter(null, now)).toBeUndefined();
});
