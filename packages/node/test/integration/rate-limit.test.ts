import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS, ExponentialBackoffRetryPolicy, RateLimitError } from '@billingos/node';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ rateLimit: { max: 3, windowMs: 5_000 } });
});
afterAll(() => server.close());

test("the API's own 429: thrown when Retry-After is beyond the cap, waited out when it is within", async () => {
  const impatient = new BillingOS({
    secretKey: server.secretKey,
    apiUrl: server.url,
    retryPolicy: new ExponentialBackoffRetryPolicy({ maxRetryAfterMs: 0 }),
  });
  let error: unknown = null;
  // Up to two windows' worth, so a window boundary between calls cannot hide the limit.
  for (let i = 0; i < 8 && error === null; i += 1) error = await impatient.customers.list().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitError);
  expect(error).toMatchObject({ statusCode: 429, code: 'rate_limited', requestId: expect.stringMatching(/^req_/) });
  expect((error as RateLimitError).retryAfter).toBeGreaterThanOrEqual(1);

  const patient = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url });
  const started = Date.now();
  await expect(patient.customers.list()).resolves.toHaveProperty('data');
  expect(Date.now() - started).toBeGreaterThanOrEqual(500);
});
