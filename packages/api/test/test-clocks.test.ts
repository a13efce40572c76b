import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { attachCard } from './support/fixtures';
import { client, expectError } from './support/http';
import { startWebhookReceiver } from './support/webhook-receiver';
import type { ReceivedEvent, WebhookReceiver } from './support/webhook-receiver';

let receiver: WebhookReceiver;
let server: TestServer;
let api: ReturnType<typeof client>;
let sk: string;
let plans: { proMonthly: string; proTrial: string; basicYearly: string };

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  server = await startTestServer({ webhookEndpoint: receiver.url });
  receiver.secret = server.webhookSecret;
  api = client(server.url);
  sk = server.secretKey;
  const pro = await api('POST', '/v1/products', {
    key: sk,
    body: { name: 'Pro', featureKeys: ['pro'], prices: [{ amount: 2000, currency: 'usd', interval: 'month' }, { amount: 2000, currency: 'usd', interval: 'month', trialDays: 14 }] },
  });
  const basic = await api('POST', '/v1/products', { key: sk, body: { name: 'Basic', prices: [{ amount: 9000, currency: 'usd', interval: 'year' }] } });
  plans = { proMonthly: pro.body.prices[0].id, proTrial: pro.body.prices[1].id, basicYearly: basic.body.prices[0].id };
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

/**
 * A clock at `frozenTime` with one customer on it, who has a card on file: a secret-key subscribe
 * to a paid price charges it and starts `active`, and each renewal or trial end charges it again.
 */
async function clockWithCustomer(frozenTime: string, externalUserId: string) {
  const clock = await api('POST', '/v1/test-clocks', { key: sk, body: { frozenTime, name: externalUserId } });
  expect(clock.status).toBe(201);
  const customer = await api('POST', '/v1/customers', { key: sk, body: { externalUserId, testClockId: clock.body.id } });
  expect(customer.status).toBe(201);
  await attachCard(api, sk, customer.body.id);
  return { clockId: clock.body.id as string, customerId: customer.body.id as string };
}

async function subscribe(customerId: string, priceId: string) {
  const response = await api('POST', '/v1/subscriptions', { key: sk, body: { customerId, priceId } });
  expect(response.status).toBe(201);
  return response.body;
}

async function advance(clockId: string, frozenTime: string) {
  const response = await api('POST', `/v1/test-clocks/${clockId}/advance`, { key: sk, body: { frozenTime } });
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({ id: clockId, status: 'ready', frozenTime: new Date(frozenTime).toISOString() });
  return response.body;
}

/** The verified events about one subscription, in delivery order, once `count` arrived. */
async function eventsFor(subscriptionId: string, count: number): Promise<ReceivedEvent[]> {
  const about = (events: ReceivedEvent[]) => events.filter((event) => event.data?.id === subscriptionId);
  await receiver.waitFor((events) => about(events).length >= count);
  return about(receiver.events);
}

test('a clock is created, listed, retrieved, and a customer on it starts its subscription at the clock time', async () => {
  const { clockId, customerId } = await clockWithCustomer('2026-01-01T00:00:00Z', 'clock_basics');
  expect((await api('GET', `/v1/test-clocks/${clockId}`, { key: sk })).body).toEqual({
    id: clockId,
    object: 'test_clock',
    name: 'clock_basics',
    frozenTime: '2026-01-01T00:00:00.000Z',
    status: 'ready',
    livemode: false,
    createdAt: expect.any(String),
  });
  expect((await api('GET', '/v1/test-clocks', { key: sk })).body.data.map((clock: { id: string }) => clock.id)).toContain(clockId);
  const customer = await api('GET', `/v1/customers/${customerId}`, { key: sk });
  expect(customer.body).toMatchObject({ testClockId: clockId, createdAt: '2026-01-01T00:00:00.000Z' });
  const subscription = await subscribe(customerId, plans.proMonthly);
  expect(subscription).toMatchObject({ status: 'active', currentPeriodStart: '2026-01-01T00:00:00.000Z', currentPeriodEnd: '2026-02-01T00:00:00.000Z', testClockId: clockId });
});

test('trial → trial_will_end → active, then three renewals over three months, each event once, in order, on clock time', async () => {
  const { clockId, customerId } = await clockWithCustomer('2026-01-01T00:00:00Z', 'clock_trial');
  const subscription = await subscribe(customerId, plans.proTrial);
  expect(subscription).toMatchObject({ status: 'trialing', trialEnd: '2026-01-15T00:00:00.000Z' });

  await advance(clockId, '2026-01-13T00:00:00Z');
  const warned = await eventsFor(subscription.id, 2);
  expect(warned.map((event) => [event.type, event.createdAt])).toEqual([
    ['subscription.created', '2026-01-01T00:00:00.000Z'],
    ['subscription.trial_will_end', '2026-01-12T00:00:00.000Z'],
  ]);
  expect((await api('GET', `/v1/subscriptions/${subscription.id}`, { key: sk })).body.status).toBe('trialing');

  await advance(clockId, '2026-04-20T00:00:00Z');
  const events = await eventsFor(subscription.id, 6);
  expect(events.slice(2).map((event) => [event.type, event.createdAt, event.data.currentPeriodStart])).toEqual([
    ['subscription.updated', '2026-01-15T00:00:00.000Z', '2026-01-15T00:00:00.000Z'],
    ['subscription.renewed', '2026-02-15T00:00:00.000Z', '2026-02-15T00:00:00.000Z'],
    ['subscription.renewed', '2026-03-15T00:00:00.000Z', '2026-03-15T00:00:00.000Z'],
    ['subscription.renewed', '2026-04-15T00:00:00.000Z', '2026-04-15T00:00:00.000Z'],
  ]);
  expect(events[2]!.previousAttributes).toEqual({ status: 'trialing' });
  expect(events[2]!.data.status).toBe('active');
  expect(events.every((event) => event.livemode === false)).toBe(true);
  expect((await api('GET', `/v1/subscriptions/${subscription.id}`, { key: sk })).body).toMatchObject({
    status: 'active',
    currentPeriodStart: '2026-04-15T00:00:00.000Z',
    currentPeriodEnd: '2026-05-15T00:00:00.000Z',
  });
  // The trial end and each renewal charged the card on file, on clock time.
  const invoices = await api('GET', `/v1/invoices?subscriptionId=${subscription.id}&limit=100`, { key: sk });
  expect(invoices.body.data.map((invoice: { billingReason: string; status: string; periodStart: string; paidAt: string }) => [invoice.billingReason, invoice.status, invoice.periodStart, invoice.paidAt]).sort()).toEqual(
    ['2026-01-15', '2026-02-15', '2026-03-15', '2026-04-15'].map((day) => ['subscription_cycle', 'paid', `${day}T00:00:00.000Z`, `${day}T00:00:00.000Z`]),
  );
  expect(receiver.rejected).toBe(0);
});

test('a downgrade scheduled for the period end shows as scheduledChange and happens at that end', async () => {
  const { clockId, customerId } = await clockWithCustomer('2026-03-10T12:00:00Z', 'clock_downgrade');
  const subscription = await subscribe(customerId, plans.proMonthly);
  const scheduled = await api('PATCH', `/v1/subscriptions/${subscription.id}`, { key: sk, body: { priceId: plans.basicYearly, effective: 'period_end' } });
  expect(scheduled.status).toBe(200);
  expect(scheduled.body).toMatchObject({ price: { id: plans.proMonthly }, scheduledChange: { priceId: plans.basicYearly, effectiveAt: '2026-04-10T12:00:00.000Z' } });

  await advance(clockId, '2026-04-10T11:59:59Z');
  expect((await api('GET', `/v1/subscriptions/${subscription.id}`, { key: sk })).body.price.id).toBe(plans.proMonthly);
  await advance(clockId, '2026-05-01T00:00:00Z');
  const events = await eventsFor(subscription.id, 3);
  const change = events[2]!;
  expect(change).toMatchObject({ type: 'subscription.updated', createdAt: '2026-04-10T12:00:00.000Z', previousAttributes: { price: { id: plans.proMonthly } } });
  expect(change.data).toMatchObject({ price: { id: plans.basicYearly }, scheduledChange: null, currentPeriodEnd: '2027-04-10T12:00:00.000Z' });
});

test('dropping a scheduled change keeps the plan', async () => {
  const { customerId } = await clockWithCustomer('2026-03-10T12:00:00Z', 'clock_keep');
  const subscription = await subscribe(customerId, plans.proMonthly);
  await api('PATCH', `/v1/subscriptions/${subscription.id}`, { key: sk, body: { priceId: plans.basicYearly, effective: 'period_end' } });
  const dropped = await api('PATCH', `/v1/subscriptions/${subscription.id}`, { key: sk, body: { scheduledChange: null } });
  expect(dropped.body).toMatchObject({ price: { id: plans.proMonthly }, scheduledChange: null });
  const effectiveAlone = await api('PATCH', `/v1/subscriptions/${subscription.id}`, { key: sk, body: { effective: 'period_end' } });
  expect(expectError(effectiveAlone, 400, 'invalid_request_error').param).toBe('effective');
});

test('cancel at period end sends subscription.canceled at that end and nothing after', async () => {
  const { clockId, customerId } = await clockWithCustomer('2026-06-01T00:00:00Z', 'clock_cancel');
  const subscription = await subscribe(customerId, plans.proMonthly);
  await api('PATCH', `/v1/subscriptions/${subscription.id}`, { key: sk, body: { priceId: plans.basicYearly, effective: 'period_end' } });
  const canceling = await api('POST', `/v1/subscriptions/${subscription.id}/cancel`, { key: sk, body: { atPeriodEnd: true } });
  expect(canceling.body).toMatchObject({ status: 'active', cancelAtPeriodEnd: true, scheduledChange: null });

  await advance(clockId, '2026-09-01T00:00:00Z');
  const events = await eventsFor(subscription.id, 4);
  expect(events.map((event) => event.type)).toEqual(['subscription.created', 'subscription.updated', 'subscription.updated', 'subscription.canceled']);
  expect(events[3]).toMatchObject({ createdAt: '2026-07-01T00:00:00.000Z', data: { status: 'canceled', canceledAt: '2026-07-01T00:00:00.000Z' } });
  // Nothing after: move on past two more period ends, then record a marker event; deliveries to an
  // endpoint go oldest first, so once the marker arrived, any later event of the subscription would have too.
  await advance(clockId, '2026-11-01T00:00:00Z');
  await api('PATCH', `/v1/customers/${customerId}`, { key: sk, body: { metadata: { marker: 'after_cancel' } } });
  await receiver.waitFor((received) => received.some((event) => event.type === 'customer.updated' && event.data?.metadata?.marker === 'after_cancel'));
  expect(receiver.events.filter((event) => event.data?.id === subscription.id)).toHaveLength(4);
});

test('a clock moves only forward, only in test mode, and deleting it removes its customers and their subscriptions', async () => {
  const { clockId, customerId } = await clockWithCustomer('2026-01-01T00:00:00Z', 'clock_delete');
  const subscription = await subscribe(customerId, plans.proMonthly);
  const backwards = await api('POST', `/v1/test-clocks/${clockId}/advance`, { key: sk, body: { frozenTime: '2025-12-31T00:00:00Z' } });
  expect(expectError(backwards, 400, 'invalid_request_error', 'clock_not_forward').param).toBe('frozenTime');
  expectError(await api('POST', `/v1/test-clocks/${clockId}/advance`, { key: sk, body: { frozenTime: '2040-01-01T00:00:00Z' } }), 400, 'invalid_request_error', 'clock_advance_too_far');
  expectError(await api('POST', '/v1/test-clocks', { key: sk, body: { frozenTime: 'yesterday' } }), 400, 'invalid_request_error');
  expectError(await api('GET', '/v1/test-clocks', { key: server.liveSecretKey }), 404, 'not_found_error', 'test_mode_only');
  expectError(await api('POST', '/v1/customers', { key: sk, body: { externalUserId: 'no_clock', testClockId: 'clock_missing' } }), 404, 'not_found_error');

  expect((await api('DELETE', `/v1/test-clocks/${clockId}`, { key: sk })).body).toEqual({ id: clockId, object: 'test_clock', deleted: true });
  expectError(await api('GET', `/v1/test-clocks/${clockId}`, { key: sk }), 404, 'not_found_error');
  expectError(await api('GET', `/v1/customers/${customerId}`, { key: sk }), 404, 'not_found_error');
  expectError(await api('GET', `/v1/subscriptions/${subscription.id}`, { key: sk }), 404, 'not_found_error');
});
