import { startApiProcess } from '../../../test-utils/api-process';
import type { ApiProcess } from '../../../test-utils/api-process';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { attachCard } from './support/fixtures';
import { call, client } from './support/http';
import { postgresUrl } from './support/postgres-url';
import { sql } from './support/sql';
import { startWebhookReceiver } from './support/webhook-receiver';
import type { ReceivedEvent, WebhookReceiver } from './support/webhook-receiver';

const pgUrl = postgresUrl();
const keys = generateMerchantKeys();
const SUBSCRIPTIONS = 12;

const countBy = (events: ReceivedEvent[], key: (event: ReceivedEvent) => string) =>
  events.reduce<Record<string, number>>((counts, event) => ({ ...counts, [key(event)]: (counts[key(event)] ?? 0) + 1 }), {});

(pgUrl ? describe : describe.skip)('two API processes on one PostgreSQL share the lifecycle', () => {
  let scratch: ScratchDatabase;
  let receiver: WebhookReceiver;
  let nodes: ApiProcess[] = [];
  let env: Record<string, string>;
  const node = (i: number) => nodes[i % nodes.length]!;
  const api = (i: number, method: string, path: string, body?: unknown) => call(node(i).url, method, path, { key: keys.secretKey, ...(body ? { body } : {}) });
  /** A customer (through node `i`) with a card on file: its paid subscription starts active, and each trial end and renewal charges the card. */
  const customerWithCard = async (i: number, body: { externalUserId: string; testClockId?: string }) => {
    const customer = await api(i, 'POST', '/v1/customers', body);
    expect(customer.status).toBe(201);
    await attachCard(client(node(i + 1).url), keys.secretKey, customer.body.id);
    return customer;
  };
  const start = async () => {
    nodes = [await startApiProcess({ env })];
    nodes.push(await startApiProcess({ env }));
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(pgUrl!);
    receiver = await startWebhookReceiver();
    receiver.secret = keys.webhookSecret;
    env = {
      DATABASE_URL: scratch.url,
      BILLINGOS_SECRET_KEY: keys.secretKey,
      BILLINGOS_WEBHOOK_SECRET: keys.webhookSecret,
      BILLINGOS_WEBHOOK_URL: receiver.url,
      BILLINGOS_LIFECYCLE_INTERVAL_MS: '100',
    };
    await start();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((api) => api.stop()));
    await receiver?.close();
    await scratch?.drop();
  });

  test('one clock advanced through both nodes, in turns and at once: every transition and event exactly once', async () => {
    const product = await api(0, 'POST', '/v1/products', { name: 'Pro', prices: [{ amount: 1000, currency: 'usd', interval: 'month', trialDays: 10 }] });
    const clock = await api(1, 'POST', '/v1/test-clocks', { frozenTime: '2026-01-01T00:00:00Z' });
    const subscriptions: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const customer = await customerWithCard(i, { externalUserId: `clocked_${i}`, testClockId: clock.body.id });
      subscriptions.push((await api(i + 1, 'POST', '/v1/subscriptions', { customerId: customer.body.id, priceId: product.body.prices[0].id })).body.id);
    }
    const targets = ['2026-01-09T00:00:00Z', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-04-15T00:00:00Z'];
    for (const [i, frozenTime] of targets.entries()) {
      // Both nodes ask for the same move at once: one runs it, the other finds the clock already there.
      const answers = await Promise.all([api(i, 'POST', `/v1/test-clocks/${clock.body.id}/advance`, { frozenTime }), api(i + 1, 'POST', `/v1/test-clocks/${clock.body.id}/advance`, { frozenTime })]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
    }
    // Per subscription: created, trial_will_end (Jan 8), trial end (Jan 11), renewals Feb 11, Mar 11, Apr 11.
    const ours = (events: ReceivedEvent[]) => events.filter((event) => subscriptions.includes(event.data?.id));
    // The trial end and each renewal is invoiced and charged: created, finalized, paid, four times per subscription.
    const invoicing = (events: ReceivedEvent[]) => events.filter((event) => event.type.startsWith('invoice.') && subscriptions.includes(event.data?.subscriptionId));
    await receiver.waitFor((events) => ours(events).length >= 3 * 6 && invoicing(events).length >= 3 * 4 * 3, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const events = ours(receiver.events);
    expect(events).toHaveLength(18);
    for (const id of subscriptions) {
      const own = events.filter((event) => event.data.id === id).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      expect(own.map((event) => `${event.type}@${event.createdAt.slice(0, 10)}`)).toEqual([
        'subscription.created@2026-01-01',
        'subscription.trial_will_end@2026-01-08',
        'subscription.updated@2026-01-11',
        'subscription.renewed@2026-02-11',
        'subscription.renewed@2026-03-11',
        'subscription.renewed@2026-04-11',
      ]);
      // Events of one instant have no defined order among themselves: compared sorted.
      const invoiced = invoicing(receiver.events).filter((event) => event.data.subscriptionId === id);
      expect(invoiced.map((event) => `${event.createdAt.slice(0, 10)} ${event.type}`).sort()).toEqual(
        ['2026-01-11', '2026-02-11', '2026-03-11', '2026-04-11'].flatMap((day) => [`${day} invoice.created`, `${day} invoice.finalized`, `${day} invoice.paid`]),
      );
      expect(new Set(invoiced.map((event) => event.data.id)).size).toBe(4);
    }
    expect(receiver.rejected).toBe(0);
  }, 60_000);

  test('after both nodes were down across two renewals, the workers catch up: each renewal once, in time order', async () => {
    const product = await api(0, 'POST', '/v1/products', { name: 'Monthly', prices: [{ amount: 900, currency: 'usd', interval: 'month' }] });
    const subscriptions: string[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i += 1) {
      const customer = await customerWithCard(i, { externalUserId: `downtime_${i}` });
      subscriptions.push((await api(i, 'POST', '/v1/subscriptions', { customerId: customer.body.id, priceId: product.body.prices[0].id })).body.id);
    }
    await Promise.all(nodes.map((api) => api.stop('SIGKILL')));
    // The outage: as if these subscriptions had started two months and five days ago.
    await sql(
      scratch.url,
      `UPDATE subscriptions SET current_period_start = current_period_start - interval '2 months 5 days',
         current_period_end = current_period_end - interval '2 months 5 days', billing_cycle_anchor = billing_cycle_anchor - interval '2 months 5 days',
         due_at = due_at - interval '2 months 5 days', created_at = created_at - interval '2 months 5 days' WHERE id = ANY($1)`,
      [subscriptions],
    );
    await start();

    const renewals = (events: ReceivedEvent[]) => events.filter((event) => event.type === 'subscription.renewed' && subscriptions.includes(event.data.id));
    await receiver.waitFor((events) => renewals(events).length >= SUBSCRIPTIONS * 2, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const delivered = renewals(receiver.events);
    expect(Object.values(countBy(delivered, (event) => event.data.id))).toEqual(Array(SUBSCRIPTIONS).fill(2));
    expect(new Set(delivered.map((event) => `${event.data.id}@${event.createdAt}`)).size).toBe(SUBSCRIPTIONS * 2);
    for (const id of subscriptions) {
      const [first, second] = delivered.filter((event) => event.data.id === id).map((event) => event.data.currentPeriodStart as string);
      expect(first! < second!).toBe(true);
      const now = await api(0, 'GET', `/v1/subscriptions/${id}`);
      expect(now.body.currentPeriodStart).toBe(second);
    }
    const rows = await sql(scratch.url, "SELECT count(*)::int AS n FROM webhook_events WHERE type = 'subscription.renewed' AND data->>'id' = ANY($1)", [subscriptions]);
    expect(rows[0].n).toBe(SUBSCRIPTIONS * 2);
    // Each renewed period has one renewal invoice, paid by one charge of its own (a second renewal would be a double charge).
    const deadline = Date.now() + 30_000;
    const openInvoices = async () => (await sql(scratch.url, "SELECT count(*)::int AS n FROM invoices WHERE status = 'open' AND subscription_id = ANY($1)", [subscriptions]))[0].n;
    while ((await openInvoices()) > 0) {
      if (Date.now() > deadline) throw new Error('the renewal invoices were not all charged within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const invoices = await sql(
      scratch.url,
      "SELECT subscription_id, period_start, status, amount_paid::int AS paid, provider_payment_id FROM invoices WHERE billing_reason = 'subscription_cycle' AND subscription_id = ANY($1)",
      [subscriptions],
    );
    expect(invoices.map((invoice) => `${invoice.subscription_id}@${new Date(invoice.period_start).toISOString()}`).sort()).toEqual(
      delivered.map((event) => `${event.data.id}@${event.data.currentPeriodStart}`).sort(),
    );
    expect(invoices.map((invoice) => [invoice.status, invoice.paid])).toEqual(invoices.map(() => ['paid', 900]));
    expect(new Set(invoices.map((invoice) => invoice.provider_payment_id)).size).toBe(SUBSCRIPTIONS * 2);
    // On the provider's side: per customer, one charge at the start and one per renewal, nothing more.
    const charges = await sql(
      scratch.url,
      `SELECT count(*)::int AS n FROM test_provider_payments WHERE status = 'succeeded' AND method_id IN
         (SELECT m.provider_method_id FROM payment_methods m JOIN subscriptions s ON s.customer_id = m.customer_id WHERE s.id = ANY($1))`,
      [subscriptions],
    );
    expect(charges[0].n).toBe(SUBSCRIPTIONS * 3);
  }, 90_000);
});
