import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { attachCard } from './support/fixtures';
import { client } from './support/http';
import { postgresUrl } from './support/postgres-url';

const pgUrl = postgresUrl();
const START = '2026-01-01T00:00:00.000Z';

/** Per storage: clocks advanced at once (PostgreSQL: more than its pool of 10), each with 3 daily subscriptions, moved `days` ahead. */
const storages = [
  { name: 'PGlite', databaseUrl: undefined, clocks: 3, days: 150 },
  ...(pgUrl ? [{ name: 'PostgreSQL', databaseUrl: pgUrl, clocks: 12, days: 60 }] : []),
];

describe.each(storages)('test-clock advances on $name never hold up live requests', ({ databaseUrl, clocks, days }) => {
  let server: TestServer;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    // The live reader polls as fast as it can for as long as the advances run (each renewal is also
    // invoiced and charged): a 429 from the default limit would be the limiter, not what is tested here.
    server = await startTestServer({ ...(databaseUrl ? { databaseUrl } : {}), lifecycleIntervalMs: 0, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
    api = client(server.url);
  }, 60_000);
  afterAll(() => server?.close());

  test('live reads answer quickly while clocks work off thousands of renewals; every renewal still runs, and the clocks end ready', async () => {
    const sk = server.secretKey;
    const product = await api('POST', '/v1/products', { key: sk, body: { name: 'Daily', prices: [{ amount: 100, currency: 'usd', interval: 'day' }] } });
    const clockIds: string[] = [];
    const subscriptionIds: string[] = [];
    for (let c = 0; c < clocks; c += 1) {
      const clock = await api('POST', '/v1/test-clocks', { key: sk, body: { frozenTime: START } });
      clockIds.push(clock.body.id);
      for (let i = 0; i < 3; i += 1) {
        const customer = await api('POST', '/v1/customers', { key: sk, body: { externalUserId: `iso_${c}_${i}`, testClockId: clock.body.id } });
        // A card on file: each subscription starts active, and every renewal is invoiced and charged.
        await attachCard(api, sk, customer.body.id);
        const subscription = await api('POST', '/v1/subscriptions', { key: sk, body: { customerId: customer.body.id, priceId: product.body.prices[0].id } });
        subscriptionIds.push(subscription.body.id);
      }
    }
    await api('POST', '/v1/customers', { key: server.liveSecretKey, body: { externalUserId: 'live_reader' } });

    const target = new Date(Date.parse(START) + days * 86_400_000).toISOString();
    const started = Date.now();
    let advancing = true;
    const advances = Promise.all(clockIds.map((id) => api('POST', `/v1/test-clocks/${id}/advance`, { key: sk, body: { frozenTime: target } }))).finally(
      () => (advancing = false),
    );

    const latencies: number[] = [];
    const liveStatuses = new Set<number>();
    let sawAdvancing = false;
    while (advancing) {
      const before = Date.now();
      const live = await api('GET', '/v1/customers?limit=10', { key: server.liveSecretKey });
      latencies.push(Date.now() - before);
      liveStatuses.add(live.status);
      if (!sawAdvancing && advancing) sawAdvancing = (await api('GET', `/v1/test-clocks/${clockIds[0]}`, { key: sk })).body.status === 'advancing';
    }
    const answers = await advances;
    const advanceMs = Date.now() - started;

    expect(answers.map((answer) => answer.status)).toEqual(clockIds.map(() => 200));
    expect(answers.map((answer) => [answer.body.frozenTime, answer.body.status])).toEqual(clockIds.map(() => [target, 'ready']));
    // Every renewal was invoiced and charged within the advance too: none is left open, and each subscription's newest invoice is its last period's, paid.
    expect((await api('GET', '/v1/invoices?status=open&limit=1', { key: sk })).body.data).toEqual([]);
    for (const id of subscriptionIds) {
      expect((await api('GET', `/v1/subscriptions/${id}`, { key: sk })).body.currentPeriodStart).toBe(target);
      expect((await api('GET', `/v1/invoices?subscriptionId=${id}&limit=1`, { key: sk })).body.data).toEqual([
        expect.objectContaining({ billingReason: 'subscription_cycle', status: 'paid', periodStart: target, paidAt: target }),
      ]);
    }
    expect(sawAdvancing).toBe(true);
    expect([...liveStatuses]).toEqual([200]);
    // Before steps, one advance was one transaction: a live read waited for all of it (the whole advanceMs).
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(Math.max(750, advanceMs / 4));
  }, 180_000);

  test('a clock takes at most 3 customers; a second advance while one runs answers 400 clock_advancing', async () => {
    const sk = server.secretKey;
    const clock = await api('POST', '/v1/test-clocks', { key: sk, body: { frozenTime: START } });
    const created = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => api('POST', '/v1/customers', { key: sk, body: { externalUserId: `cap_${i}`, testClockId: clock.body.id } })),
    );
    expect(created.map((response) => response.status).sort()).toEqual([201, 201, 201, 400, 400]);
    const refused = created.find((response) => response.status === 400)!;
    expect(refused.body.error).toMatchObject({ code: 'test_clock_customer_limit', param: 'testClockId' });
    expect(refused.body.error.message).toMatch(/Create another test clock/);

    // A free daily price: its renewals start at once and need no invoice or card, and the clock still has a year of them to work off.
    const product = await api('POST', '/v1/products', { key: sk, body: { name: 'Daily cap', prices: [{ amount: 0, currency: 'usd', interval: 'day' }] } });
    for (const customer of created.filter((response) => response.status === 201)) {
      await api('POST', '/v1/subscriptions', { key: sk, body: { customerId: customer.body.id, priceId: product.body.prices[0].id } });
    }
    const far = api('POST', `/v1/test-clocks/${clock.body.id}/advance`, { key: sk, body: { frozenTime: '2026-12-01T00:00:00Z' } });
    const deadline = Date.now() + 10_000;
    while ((await api('GET', `/v1/test-clocks/${clock.body.id}`, { key: sk })).body.status !== 'advancing') {
      if (Date.now() > deadline) throw new Error('the clock never reported status advancing');
    }
    const second = await api('POST', `/v1/test-clocks/${clock.body.id}/advance`, { key: sk, body: { frozenTime: '2027-01-01T00:00:00Z' } });
    expect((await far).body).toMatchObject({ status: 'ready', frozenTime: '2026-12-01T00:00:00.000Z' });
    expect(second.status).toBe(400);
    expect(second.body.error.code).toBe('clock_advancing');
    expect(second.body.error.message).toContain('2026-12-01T00:00:00.000Z');
  }, 60_000);
});
