import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { ManualClock } from '../src/time/clock';
import { client, expectError } from './support/http';
import { attachCard, mintToken } from './support/fixtures';

const keys = generateMerchantKeys();
const clock = new ManualClock('2026-01-10T00:00:00Z');
let idle: ApiServer;
let api: ReturnType<typeof client>;
let prices: { monthly: string; trial: string; archived: string };

/** The outbox's rows for one subscription, oldest first. */
async function eventsOf(server: ApiServer, subscriptionId: string) {
  return server.database.query<{ type: string; created_at: Date }>(
    "SELECT type, created_at FROM webhook_events WHERE data->>'id' = $1 ORDER BY id",
    [subscriptionId],
  );
}

beforeAll(async () => {
  // The worker is off: what a reader sees must not depend on it having run.
  idle = await startApiServer({ port: 0, keys, clock, lifecycleIntervalMs: 0 });
  api = client(idle.url);
  const product = await api('POST', '/v1/products', {
    key: keys.secretKey,
    body: { name: 'Team', prices: [{ amount: 1500, currency: 'usd', interval: 'month' }, { amount: 1500, currency: 'usd', interval: 'month', trialDays: 7 }] },
  });
  const archived = await api('POST', '/v1/products', { key: keys.secretKey, body: { name: 'Legacy', prices: [{ amount: 500, currency: 'usd', interval: 'month' }] } });
  await idle.database.query('UPDATE products SET active = false WHERE id = $1', [archived.body.id]);
  prices = { monthly: product.body.prices[0].id, trial: product.body.prices[1].id, archived: archived.body.prices[0].id };
});
afterAll(() => idle.close());

test('a reader sees renewals and a trial end that time has passed even when the worker has not run', async () => {
  clock.set('2026-01-10T00:00:00Z');
  const customer = await api('POST', '/v1/customers', { key: keys.secretKey, body: { externalUserId: 'behind' } });
  const created = await api('POST', '/v1/subscriptions', { key: keys.secretKey, body: { customerId: customer.body.id, priceId: prices.trial } });
  expect(created.body).toMatchObject({ status: 'trialing', currentPeriodEnd: '2026-01-17T00:00:00.000Z' });

  clock.set('2026-03-20T00:00:00Z');
  const read = await api('GET', `/v1/subscriptions/${created.body.id}`, { key: keys.secretKey });
  expect(read.body).toMatchObject({ status: 'active', currentPeriodStart: '2026-03-17T00:00:00.000Z', currentPeriodEnd: '2026-04-17T00:00:00.000Z' });
  const trialing = await api('GET', `/v1/subscriptions?customerId=${customer.body.id}&status=trialing`, { key: keys.secretKey });
  expect(trialing.body.data).toEqual([]);
  const active = await api('GET', `/v1/subscriptions?customerId=${customer.body.id}&status=active`, { key: keys.secretKey });
  expect(active.body.data.map((subscription: { id: string }) => subscription.id)).toEqual([created.body.id]);
  expect((await eventsOf(idle, created.body.id)).map((event) => event.type)).toEqual(['subscription.created']);

  // A write starts from the present: the transitions it passes run first, with their events.
  await api('PATCH', `/v1/subscriptions/${created.body.id}`, { key: keys.secretKey, body: { metadata: { seat: '3' } } });
  expect((await eventsOf(idle, created.body.id)).map((event) => [event.type, event.created_at.toISOString()])).toEqual([
    ['subscription.created', '2026-01-10T00:00:00.000Z'],
    ['subscription.trial_will_end', '2026-01-14T00:00:00.000Z'],
    ['subscription.updated', '2026-01-17T00:00:00.000Z'],
    ['subscription.renewed', '2026-02-17T00:00:00.000Z'],
    ['subscription.renewed', '2026-03-17T00:00:00.000Z'],
    ['subscription.updated', '2026-03-20T00:00:00.000Z'],
  ]);
});

test('a customer subscribes once by itself, gets a trial once per product, and only to an active product', async () => {
  clock.set('2026-05-01T00:00:00Z');
  const { sessionToken, customerId } = await mintToken(api, keys.secretKey, 'self_serve', ['read_subscription', 'manage_subscription']);
  const first = await api('POST', '/v1/me/subscriptions', { key: sessionToken, body: { priceId: prices.trial } });
  expect(first.body).toMatchObject({ status: 'trialing' });
  const second = await api('POST', '/v1/me/subscriptions', { key: sessionToken, body: { priceId: prices.monthly } });
  expect(expectError(second, 400, 'invalid_request_error', 'subscription_exists').message).toContain(`PATCH /v1/me/subscriptions/${first.body.id}`);

  await api('POST', `/v1/me/subscriptions/${first.body.id}/cancel`, { key: sessionToken, body: {} });
  // No second trial: the price is charged now, so it takes a card on file.
  expectError(await api('POST', '/v1/me/subscriptions', { key: sessionToken, body: { priceId: prices.trial } }), 402, 'payment_error', 'payment_method_required');
  await attachCard(api, keys.secretKey, customerId);
  const again = await api('POST', '/v1/me/subscriptions', { key: sessionToken, body: { priceId: prices.trial } });
  expect(again.body).toMatchObject({ status: 'active', trialEnd: null });
  await api('POST', `/v1/me/subscriptions/${again.body.id}/cancel`, { key: sessionToken, body: {} });
  expectError(await api('POST', '/v1/me/subscriptions', { key: sessionToken, body: { priceId: prices.archived } }), 400, 'invalid_request_error', 'product_inactive');
});

test('a customer schedules its own downgrade and cannot schedule one while canceling', async () => {
  clock.set('2026-06-01T00:00:00Z');
  const { sessionToken, customerId } = await mintToken(api, keys.secretKey, 'self_downgrade', ['read_subscription', 'manage_subscription']);
  await attachCard(api, keys.secretKey, customerId);
  const subscription = await api('POST', '/v1/me/subscriptions', { key: sessionToken, body: { priceId: prices.monthly } });
  await api('POST', '/v1/products', { key: keys.secretKey, body: { name: 'Cheap', prices: [{ amount: 100, currency: 'usd', interval: 'month' }] } });
  const cheap = (await api('GET', '/v1/products?limit=100', { key: keys.secretKey })).body.data.find((product: { name: string }) => product.name === 'Cheap');
  const scheduled = await api('PATCH', `/v1/me/subscriptions/${subscription.body.id}`, { key: sessionToken, body: { priceId: cheap.prices[0].id, effective: 'period_end' } });
  expect(scheduled.body.scheduledChange).toEqual({ priceId: cheap.prices[0].id, effectiveAt: '2026-07-01T00:00:00.000Z' });

  await api('POST', `/v1/me/subscriptions/${subscription.body.id}/cancel`, { key: sessionToken, body: { atPeriodEnd: true } });
  const refused = await api('PATCH', `/v1/me/subscriptions/${subscription.body.id}`, { key: sessionToken, body: { priceId: cheap.prices[0].id, effective: 'period_end' } });
  expectError(refused, 400, 'invalid_request_error', 'subscription_canceling');
  const resumed = await api('PATCH', `/v1/me/subscriptions/${subscription.body.id}`, {
    key: sessionToken,
    body: { priceId: cheap.prices[0].id, effective: 'period_end', cancelAtPeriodEnd: false },
  });
  expect(resumed.body).toMatchObject({ cancelAtPeriodEnd: false, scheduledChange: { priceId: cheap.prices[0].id } });
});

test('the worker runs what wall-clock time made due, once, in time order', async () => {
  const workerClock = new ManualClock('2026-01-31T09:00:00Z');
  const { secretKey } = generateMerchantKeys();
  const working = await startApiServer({ port: 0, keys: { secretKey }, clock: workerClock, lifecycleIntervalMs: 20 });
  try {
    const local = client(working.url);
    const product = await local('POST', '/v1/products', { key: secretKey, body: { name: 'Pro', prices: [{ amount: 1000, currency: 'usd', interval: 'month' }] } });
    const customer = await local('POST', '/v1/customers', { key: secretKey, body: { externalUserId: 'worker' } });
    // A card on file: the subscription starts active, paid, and each renewal charges it.
    await attachCard(local, secretKey, customer.body.id);
    const subscription = await local('POST', '/v1/subscriptions', { key: secretKey, body: { customerId: customer.body.id, priceId: product.body.prices[0].id } });

    workerClock.set('2026-04-01T00:00:00Z');
    const deadline = Date.now() + 10_000;
    // Done when nothing is due by the worker's clock: a transition writes its event and the row's next due time in one transaction.
    const due = async () => (await working.database.query<{ n: number }>('SELECT count(*)::int AS n FROM subscriptions WHERE due_at <= $1', [workerClock.now()]))[0]!.n;
    const invoices = async () => (await local('GET', `/v1/invoices?subscriptionId=${subscription.body.id}`, { key: secretKey })).body.data as Array<{ billingReason: string; status: string; periodStart: string; attemptCount: number }>;
    const settled = async () => (await invoices()).filter((invoice) => invoice.status !== 'open').length;
    while (((await eventsOf(working, subscription.body.id)).length < 3 || (await due()) > 0 || (await settled()) < 3) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await eventsOf(working, subscription.body.id)).map((event) => [event.type, event.created_at.toISOString()])).toEqual([
      ['subscription.created', '2026-01-31T09:00:00.000Z'],
      ['subscription.renewed', '2026-02-28T09:00:00.000Z'],
      ['subscription.renewed', '2026-03-31T09:00:00.000Z'],
    ]);
    const [row] = await working.database.query<{ due_at: Date }>('SELECT due_at FROM subscriptions WHERE id = $1', [subscription.body.id]);
    expect(row!.due_at.toISOString()).toBe('2026-04-30T09:00:00.000Z');
    // Each renewal's invoice was charged, once.
    expect((await invoices()).map((invoice) => [invoice.periodStart, invoice.billingReason, invoice.status, invoice.attemptCount]).sort()).toEqual([
      ['2026-01-31T09:00:00.000Z', 'subscription_create', 'paid', 1],
      ['2026-02-28T09:00:00.000Z', 'subscription_cycle', 'paid', 1],
      ['2026-03-31T09:00:00.000Z', 'subscription_cycle', 'paid', 1],
    ]);
  } finally {
    await working.close();
  }
});
