import { startTestServer } from '@billingos/api/testing';
import type { TestServer, TestServerOptions } from '@billingos/api/testing';
import { client } from './support/http';
import { postgresUrl } from './support/postgres-url';
import { createMeteredPlan, subscribedCustomer } from './support/usage-fixtures';

const pgUrl = postgresUrl();

function concurrencySuite(options: TestServerOptions) {
  let server: TestServer;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startTestServer(options);
    api = client(server.url);
  });
  afterAll(() => server?.close());

  test('100 concurrent tracked checks against a limit of 50 allow exactly 50', async () => {
    const plan = await createMeteredPlan(api, server.secretKey, 'Race', [{ key: 'race.calls', type: 'metered', limit: 50 }]);
    const { customerId } = await subscribedCustomer(api, server.secretKey, 'user_race', plan.prices[0]!.id);
    const body = { customerId, featureKey: 'race.calls', track: true };
    const responses = await Promise.all(Array.from({ length: 100 }, () => api('POST', '/v1/entitlements/check', { key: server.secretKey, body })));
    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(200));
    expect(responses.filter((response) => response.body.allowed)).toHaveLength(50);
    const usages = responses.filter((response) => response.body.allowed).map((response) => response.body.usage as number);
    expect(new Set(usages).size).toBe(50);
    for (const refused of responses.filter((response) => !response.body.allowed)) expect(refused.body).toMatchObject({ usage: 50, balance: 0 });
    const after = await api('POST', '/v1/entitlements/check', { key: server.secretKey, body: { customerId, featureKey: 'race.calls' } });
    expect(after.body).toMatchObject({ allowed: false, usage: 50, balance: 0 });
  });

  test('concurrent tracked checks and /v1/usage records of several customers lose no count', async () => {
    const plan = await createMeteredPlan(api, server.secretKey, 'Race many', [{ key: 'race.many', type: 'metered', limit: 10 }]);
    const customers = await Promise.all(['a', 'b', 'c'].map((name) => subscribedCustomer(api, server.secretKey, `user_race_${name}`, plan.prices[0]!.id)));
    const post = (path: string, body: object) => api('POST', path, { key: server.secretKey, body });
    const outcomes = await Promise.all(
      customers.map(async ({ customerId }) => {
        const [checks, records] = await Promise.all([
          Promise.all(Array.from({ length: 20 }, () => post('/v1/entitlements/check', { customerId, featureKey: 'race.many', track: true }))),
          Promise.all(Array.from({ length: 5 }, () => post('/v1/usage', { customerId, featureKey: 'race.many', value: 2 }))),
        ]);
        return { customerId, checks, records };
      }),
    );
    for (const { customerId, checks, records } of outcomes) {
      expect(checks.every((response) => response.status === 200) && records.every((response) => response.status === 201)).toBe(true);
      const allowed = checks.filter((response) => response.body.allowed);
      const refused = checks.filter((response) => !response.body.allowed);
      // Each answer was right when it was given: an allowed check fit under the limit (its own usage
      // distinct from every other's), a refused one found the balance spent.
      for (const response of allowed) expect(response.body.usage).toBeLessThanOrEqual(10);
      expect(new Set(allowed.map((response) => response.body.usage)).size).toBe(allowed.length);
      for (const response of refused) expect(response.body.balance).toBeLessThan(1);
      const after = await post('/v1/entitlements/check', { customerId, featureKey: 'race.many' });
      expect(after.body.usage).toBe(allowed.length + 10);
    }
  });
}

describe('tracked checks on PGlite', () => concurrencySuite({}));

(pgUrl ? describe : describe.skip)('tracked checks on PostgreSQL', () => concurrencySuite({ databaseUrl: pgUrl! }));
