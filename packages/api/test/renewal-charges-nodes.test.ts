import { Client } from 'pg';
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
const MISSED_PERIODS = 3;
const URLS = { successUrl: 'https://merchant.example/done', cancelUrl: 'https://merchant.example/pricing' };

/** Paid invoices, their provider payments, and the payments no invoice owns (a second charge would be one). */
async function ledger(url: string) {
  const [counts] = await sql(
    url,
    `SELECT (SELECT count(*)::int FROM invoices WHERE status = 'paid' AND amount_paid > 0) AS paid_invoices,
            (SELECT count(*)::int FROM test_provider_payments) AS payments,
            (SELECT count(*)::int FROM test_provider_payments p WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.provider_payment_id = p.id)) AS orphan_payments,
            (SELECT count(DISTINCT provider_payment_id)::int FROM invoices WHERE status = 'paid' AND amount_paid > 0) AS distinct_payments`,
  );
  return counts as { paid_invoices: number; payments: number; orphan_payments: number; distinct_payments: number };
}

/** Waits until nothing is due and every invoice the renewals made is settled. */
async function settled(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql(
      url,
      `SELECT (SELECT count(*)::int FROM subscriptions WHERE due_at <= now()) + (SELECT count(*)::int FROM invoices WHERE status = 'open' AND collect_at IS NOT NULL) AS n`,
    );
    if (row.n === 0) return;
    if (Date.now() > deadline) throw new Error(`${row.n} renewals or charges were still waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

(pgUrl ? describe : describe.skip)('renewals that take money, on API processes sharing one PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let nodes: ApiProcess[] = [];
  let priceId: string;
  const env = () => ({ DATABASE_URL: scratch.url, BILLINGOS_SECRET_KEY: keys.secretKey, BILLINGOS_LIFECYCLE_INTERVAL_MS: '0' });

  beforeAll(async () => {
    scratch = await createScratchDatabase(pgUrl!);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop('SIGKILL')));
    await scratch?.drop();
  });

  /** `count` customers who paid by checkout, with every node down while three periods ended. */
  async function paidBacklog(prefix: string, count: number): Promise<string[]> {
    const seeder = await startApiProcess({ env: env() });
    const api = (method: string, path: string, body?: unknown) => call(seeder.url, method, path, { key: keys.secretKey, ...(body ? { body } : {}) });
    priceId ??= (await api('POST', '/v1/products', { name: 'Monthly', prices: [{ amount: 900, currency: 'usd', interval: 'month' }] })).body.prices[0].id;
    const subscriptions: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const session = await api('POST', '/v1/checkout-sessions', { externalUserId: `${prefix}_${i}`, mode: 'subscription', priceId, ...URLS });
      const done = await call(seeder.url, 'POST', `/v1/checkout-sessions/${session.body.id}/confirm`, { body: { clientSecret: session.body.clientSecret, paymentMethodId: 'pm_card_visa' } });
      expect(done.body).toMatchObject({ status: 'complete' });
      subscriptions.push(done.body.subscriptionId);
    }
    await seeder.stop('SIGKILL');
    const shift = `interval '${MISSED_PERIODS} months 5 days'`;
    await sql(
      scratch.url,
      `UPDATE subscriptions SET current_period_start = current_period_start - ${shift}, current_period_end = current_period_end - ${shift},
         billing_cycle_anchor = billing_cycle_anchor - ${shift}, due_at = due_at - ${shift}, created_at = created_at - ${shift}
       WHERE id = ANY($1)`,
      [subscriptions],
    );
    return subscriptions;
  }

  test('two nodes work off a backlog of paid renewals: one invoice and one charge per period, numbers without gaps', async () => {
    const subscriptions = await paidBacklog('two_nodes', 50);
    nodes = await Promise.all([0, 1].map(() => startApiProcess({ env: { ...env(), BILLINGOS_LIFECYCLE_INTERVAL_MS: '20' } })));
    await settled(scratch.url);
    await Promise.all(nodes.map((node) => node.stop()));
    nodes = [];

    const cycles = await sql(
      scratch.url,
      `SELECT subscription_id, count(*)::int AS n, count(DISTINCT period_start)::int AS periods, bool_and(status = 'paid') AS all_paid
       FROM invoices WHERE billing_reason = 'subscription_cycle' AND subscription_id = ANY($1) GROUP BY subscription_id`,
      [subscriptions],
    );
    expect(cycles).toHaveLength(subscriptions.length);
    for (const row of cycles) expect(row).toMatchObject({ n: MISSED_PERIODS, periods: MISSED_PERIODS, all_paid: true });
    const invoices = subscriptions.length * (MISSED_PERIODS + 1);
    expect(await ledger(scratch.url)).toEqual({ paid_invoices: invoices, payments: invoices, orphan_payments: 0, distinct_payments: invoices });
    const numbers = (await sql(scratch.url, "SELECT number FROM invoices WHERE mode = 'test' ORDER BY number")).map((row) => Number(row.number.replace('TEST-', '')));
    expect(numbers).toEqual(Array.from({ length: invoices }, (_, i) => i + 1));
    const [paidEvents] = await sql(scratch.url, "SELECT count(*)::int AS n FROM webhook_events WHERE type = 'invoice.paid'");
    expect(paidEvents.n).toBe(invoices);
  }, 240_000);

  test('kill -9 after the provider charged but before the invoice was marked paid: after a restart the same charge settles it, nothing is charged twice', async () => {
    await paidBacklog('killed', 40);
    const watcher = new Client({ connectionString: scratch.url });
    await watcher.connect();
    // Invoices whose attempt the provider has already charged, still open: the window a crash can leave.
    const chargedButOpen = async () =>
      (
        await watcher.query<{ invoice: string; payment: string }>(
          `SELECT i.id AS invoice, p.id AS payment FROM invoices i JOIN test_provider_payments p ON p.idempotency_key = i.attempt_id WHERE i.status = 'open'`,
        )
      ).rows;
    let caught: Array<{ invoice: string; payment: string }> = [];
    try {
      for (let tries = 0; caught.length === 0 && tries < 25; tries += 1) {
        const node = await startApiProcess({ env: { ...env(), BILLINGOS_LIFECYCLE_INTERVAL_MS: '20', BILLINGOS_CHARGE_LEASE_MS: '1000' } });
        const deadline = Date.now() + 20_000;
        while ((await chargedButOpen()).length === 0 && Date.now() < deadline);
        await node.stop('SIGKILL');
        caught = await chargedButOpen();
      }
    } finally {
      await watcher.end();
    }
    expect(caught.length).toBeGreaterThan(0);

    const node = await startApiProcess({ env: { ...env(), BILLINGOS_LIFECYCLE_INTERVAL_MS: '20', BILLINGOS_CHARGE_LEASE_MS: '1000' } });
    nodes = [node];
    await settled(scratch.url);
    await node.stop();
    nodes = [];
    for (const { invoice, payment } of caught) {
      const [row] = await sql(scratch.url, 'SELECT status, provider_payment_id, attempt_count FROM invoices WHERE id = $1', [invoice]);
      expect(row).toMatchObject({ status: 'paid', provider_payment_id: payment });
    }
    const counts = await ledger(scratch.url);
    expect(counts.orphan_payments).toBe(0);
    expect(counts.payments).toBe(counts.paid_invoices);
    expect(counts.distinct_payments).toBe(counts.paid_invoices);
  }, 300_000);
});
