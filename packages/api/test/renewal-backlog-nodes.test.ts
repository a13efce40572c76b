import { startApiProcess } from '../../../test-utils/api-process';
import type { ApiProcess } from '../../../test-utils/api-process';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { call } from './support/http';
import { postgresUrl } from './support/postgres-url';
import { sql } from './support/sql';

const pgUrl = postgresUrl();
const keys = generateMerchantKeys();
const SUBSCRIPTIONS = 150;
const MISSED_PERIODS = 3;
const NODES = 3;

(pgUrl ? describe : describe.skip)('three API processes on one PostgreSQL work off a renewal backlog', () => {
  let scratch: ScratchDatabase;
  let nodes: ApiProcess[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase(pgUrl!);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop('SIGKILL')));
    await scratch?.drop();
  });

  test('each missed period renews exactly once, however the nodes interleave', async () => {
    const env = { DATABASE_URL: scratch.url, BILLINGOS_SECRET_KEY: keys.secretKey, BILLINGOS_LIFECYCLE_INTERVAL_MS: '0' };
    const seeder = await startApiProcess({ env });
    const api = (method: string, path: string, body?: unknown) => call(seeder.url, method, path, { key: keys.secretKey, ...(body ? { body } : {}) });
    const product = await api('POST', '/v1/products', { name: 'Monthly', prices: [{ amount: 900, currency: 'usd', interval: 'month' }] });
    const subscriptions: string[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i += 1) {
      const customer = await api('POST', '/v1/customers', { externalUserId: `backlog_${i}` });
      // A card on file: the subscription starts active (its first invoice paid), and each renewal is invoiced and charged to it.
      expect((await api('POST', `/v1/customers/${customer.body.id}/payment-methods`, { paymentMethodId: 'pm_card_visa' })).status).toBe(201);
      const subscription = await api('POST', '/v1/subscriptions', { customerId: customer.body.id, priceId: product.body.prices[0].id });
      expect(subscription.status).toBe(201);
      expect(subscription.body.status).toBe('active');
      subscriptions.push(subscription.body.id);
    }
    await seeder.stop('SIGKILL');
    // Every node was down while three periods ended: as if these started three months and a few days ago.
    await sql(
      scratch.url,
      `UPDATE subscriptions SET current_period_start = current_period_start - interval '${MISSED_PERIODS} months 5 days',
         current_period_end = current_period_end - interval '${MISSED_PERIODS} months 5 days',
         billing_cycle_anchor = billing_cycle_anchor - interval '${MISSED_PERIODS} months 5 days',
         due_at = due_at - interval '${MISSED_PERIODS} months 5 days', created_at = created_at - interval '${MISSED_PERIODS} months 5 days'
       WHERE id = ANY($1)`,
      [subscriptions],
    );

    nodes = await Promise.all(Array.from({ length: NODES }, () => startApiProcess({ env: { ...env, BILLINGOS_LIFECYCLE_INTERVAL_MS: '20' } })));
    const renewals = async () =>
      (await sql(scratch.url, "SELECT data->>'id' AS id, data->>'currentPeriodStart' AS period FROM webhook_events WHERE type = 'subscription.renewed'")) as Array<{
        id: string;
        period: string;
      }>;
    const deadline = Date.now() + 60_000;
    const backlog = async () =>
      (await sql(scratch.url, "SELECT (SELECT count(*) FROM subscriptions WHERE due_at <= now()) + (SELECT count(*) FROM invoices WHERE status = 'open') AS n"))[0].n;
    // Done when no subscription is due and every renewal invoice is charged.
    while (Number(await backlog()) > 0) {
      if (Date.now() > deadline) throw new Error('the nodes did not work off the backlog (renewals and their charges) within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The backlog is gone; the workers' last transactions have committed once every node has passed one more tick.
    await Promise.all(nodes.map((node) => node.stop()));
    nodes = [];

    const events = await renewals();
    const periods = new Set(events.map((event) => `${event.id}@${event.period}`));
    expect(periods.size).toBeGreaterThanOrEqual(SUBSCRIPTIONS * MISSED_PERIODS);
    // One event per period: a duplicate renewal would be a double charge, now that renewals invoice.
    expect(events).toHaveLength(periods.size);
    const stored = await sql(scratch.url, 'SELECT id, current_period_start FROM subscriptions WHERE id = ANY($1)', [subscriptions]);
    const latest = new Map<string, string>();
    for (const event of events) if ((latest.get(event.id) ?? '') < event.period) latest.set(event.id, event.period);
    for (const row of stored) expect(new Date(row.current_period_start).toISOString()).toBe(latest.get(row.id));

    // Each renewed period has exactly one renewal invoice, paid in full.
    const invoices = await sql(
      scratch.url,
      "SELECT subscription_id, period_start, status, amount_paid::int AS paid, provider_payment_id FROM invoices WHERE billing_reason = 'subscription_cycle'",
    );
    expect(invoices.map((invoice) => `${invoice.subscription_id}@${new Date(invoice.period_start).toISOString()}`).sort()).toEqual([...periods].sort());
    expect(invoices.filter((invoice) => invoice.status !== 'paid' || invoice.paid !== 900)).toEqual([]);
    expect(new Set(invoices.map((invoice) => invoice.provider_payment_id)).size).toBe(periods.size);
    // And the provider was charged once per period (plus each subscription's first invoice), however the nodes interleaved.
    const charges = await sql(scratch.url, "SELECT status, count(*)::int AS n FROM test_provider_payments GROUP BY status");
    expect(charges).toEqual([{ status: 'succeeded', n: SUBSCRIPTIONS + periods.size }]);
  }, 180_000);
});
