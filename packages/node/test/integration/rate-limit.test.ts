import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS, ExponentialBackoffRetryPolicy, RateLimitError } from '@billingos/node';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ rateLimit: { max: 3, windowMs: 2_000 } });
});
afterAll(() => server.close());

test("the API's own 429: thrown when Retry-After is beyond the cap, waited out when it is within", async () => {
  const impatient = new BillingOS({
    secretKey: server.secretKey,
    apiUrl: server.url,
    retryPolicy: new ExponentialBackoffRetryPolicy({ maxRetryAfterMs: 0 }),
  });
  for (let i = 0; i < 3; i += 1) await impatient.customers.list();
  const error = await impatient.customers.list().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitError);
  expect(error).toMatchObject({ statusCode: 429, code: 'rate_limited', requestId: expect.stringMatching(/^req_/) });
  expect((error as RateLimitError).retryAfter).toBeGreaterThanOrEqual(1);

  const patient = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url });
  const started = Date.now();
  await expect(patient.customers.list()).resolves.toHaveProperty('data');
  expect(Date.now() - started).toBeGreaterThanOrEqual(500);
});
