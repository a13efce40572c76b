import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { client } from './support/http';

let server: TestServer;
let api: ReturnType<typeof client>;
let sk: string;
let prices: { monthly: string; trial: string };

const URLS = { successUrl: 'https://merchant.example/billing/done', cancelUrl: 'https://merchant.example/pricing' };
const card = (number: string) => ({ number, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' });
const START = '2027-01-15T10:00:00.000Z';

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  sk = server.secretKey;
  const product = await api('POST', '/v1/products', {
    key: sk,
    body: { name: 'Pro', featureKeys: ['pro'], prices: [{ amount: 2900, currency: 'usd', interval: 'month' }, { amount: 2900, currency: 'usd', interval: 'month', trialDays: 7 }] },
  });
  prices = { monthly: product.body.prices[0].id, trial: product.body.prices[1].id };
});
afterAll(() => server.close());

/** A customer on a fresh test clock at START who checked out `priceId` with `number`. */
async function paidThroughCheckout(externalUserId: string, priceId: string, number: string) {
  const clock = await api('POST', '/v1/test-clocks', { key: sk, body: { frozenTime: START } });
  const customer = await api('POST', '/v1/customers', { key: sk, body: { externalUserId, testClockId: clock.body.id } });
  const session = await api('POST', '/v1/checkout-sessions', { key: sk, body: { customerId: customer.body.id, mode: 'subscription', priceId, ...URLS } });
  const done = await api('POST', `/v1/checkout-sessions/${session.body.id}/confirm`, { body: { clientSecret: session.body.clientSecret, card: card(number) } });
  expect(done.body).toMatchObject({ status: 'complete' });
  return { clockId: clock.body.id as string, customerId: customer.body.id as string, subscriptionId: done.body.subscriptionId as string, paymentMethodId: done.body.paymentMethodId as string };
}

/** Events recorded in one transaction (one instant) have no defined order among themselves: compared sorted by type. */
const byType = (a: { type: string }, b: { type: string }) => a.type.localeCompare(b.type);

async function advance(clockId: string, frozenTime: string) {
  const response = await api('POST', `/v1/test-clocks/${clockId}/advance`, { key: sk, body: { frozenTime } });
  expect(response.body).toMatchObject({ status: 'ready', frozenTime });
}

async function invoicesOf(subscriptionId: string) {
  const page = await api('GET', `/v1/invoices?subscriptionId=${subscriptionId}&limit=100`, { key: sk });
  expect(page.status).toBe(200);
  return [...page.body.data].sort((a, b) => a.number.localeCompare(b.number));
}

/** The events about invoices of one subscription (and the subscription itself), oldest first. */
async function eventsAbout(subscriptionId: string) {
  const page = await api('GET', '/v1/events?limit=100', { key: sk });
  return (page.body.data as Array<{ type: string; createdAt: string; data: { id: string; subscriptionId?: string; number?: string }; previousAttributes?: object }>)
    .filter((event) => event.data.id === subscriptionId || event.data.subscriptionId === subscriptionId)
    .reverse();
}

test('checkout with 4242, then three renewals on the test clock: three more invoices, each charged once, numbered without gaps, with their events at the renewal times', async () => {
  const { clockId, subscriptionId } = await paidThroughCheckout('walk_4242', prices.monthly, '4242 4242 4242 4242');
  await advance(clockId, '2027-04-16T10:00:00.000Z');

  const invoices = await invoicesOf(subscriptionId);
  expect(invoices.map((invoice) => [invoice.billingReason, invoice.status, invoice.amountPaid, invoice.periodStart, invoice.paidAt])).toEqual([
    ['subscription_create', 'paid', 2900, '2027-01-15T10:00:00.000Z', '2027-01-15T10:00:00.000Z'],
    ['subscription_cycle', 'paid', 2900, '2027-02-15T10:00:00.000Z', '2027-02-15T10:00:00.000Z'],
    ['subscription_cycle', 'paid', 2900, '2027-03-15T10:00:00.000Z', '2027-03-15T10:00:00.000Z'],
    ['subscription_cycle', 'paid', 2900, '2027-04-15T10:00:00.000Z', '2027-04-15T10:00:00.000Z'],
  ]);
  const numbers = invoices.map((invoice) => Number(invoice.number.replace('TEST-', '')));
  expect(numbers).toEqual([numbers[0], numbers[0]! + 1, numbers[0]! + 2, numbers[0]! + 3]);
  expect(invoices[1]).toMatchObject({ attemptCount: 1, lastPaymentError: null, lines: [{ description: 'Pro × 1', amount: 2900, period: { start: '2027-02-15T10:00:00.000Z', end: '2027-03-15T10:00:00.000Z' } }] });
  expect(new Set(invoices.map((invoice) => invoice.hostedInvoiceUrl)).size).toBe(4);

  // Events of one instant have no defined order among themselves: compared sorted (by day, then type).
  const renewalEvents = (await eventsAbout(subscriptionId)).filter((event) => event.createdAt > START).map((event) => `${event.createdAt.slice(0, 10)} ${event.type}`);
  expect(renewalEvents.sort()).toEqual(
    ['2027-02-15', '2027-03-15', '2027-04-15'].flatMap((day) => [`${day} invoice.created`, `${day} invoice.finalized`, `${day} invoice.paid`, `${day} subscription.renewed`]),
  );
  expect((await api('GET', `/v1/subscriptions/${subscriptionId}`, { key: sk })).body).toMatchObject({ status: 'active', currentPeriodStart: '2027-04-15T10:00:00.000Z' });
});

test('a trial saves the card and charges nothing; at its end the first period is invoiced and charged', async () => {
  const { clockId, subscriptionId } = await paidThroughCheckout('walk_trial', prices.trial, '4242424242424242');
  expect((await invoicesOf(subscriptionId)).map((invoice) => [invoice.total, invoice.lines[0].description])).toEqual([[0, 'Trial of Pro']]);
  await advance(clockId, '2027-01-23T10:00:00.000Z');
  const [, first] = await invoicesOf(subscriptionId);
  expect(first).toMatchObject({ billingReason: 'subscription_cycle', status: 'paid', total: 2900, amountPaid: 2900, periodStart: '2027-01-22T10:00:00.000Z' });
  expect((await api('GET', `/v1/subscriptions/${subscriptionId}`, { key: sk })).body).toMatchObject({ status: 'active' });
});

test('a card that attaches and then fails (0341): the trial-end invoice stays open with why, the subscription is past_due and keeps its features', async () => {
  const { clockId, customerId, subscriptionId } = await paidThroughCheckout('walk_0341', prices.trial, '4000 0000 0000 0341');
  await advance(clockId, '2027-01-23T10:00:00.000Z');
  const [, first] = await invoicesOf(subscriptionId);
  expect(first).toMatchObject({ status: 'open', amountDue: 2900, amountPaid: 0, attemptCount: 1, paidAt: null, lastPaymentError: { code: 'card_declined', message: expect.any(String) } });
  expect((await api('GET', `/v1/subscriptions/${subscriptionId}`, { key: sk })).body).toMatchObject({ status: 'past_due' });
  const events = await eventsAbout(subscriptionId);
  expect(events.slice(-2).sort(byType).map((event) => [event.type, event.previousAttributes])).toEqual([
    ['invoice.payment_failed', undefined],
    ['subscription.updated', { status: 'active' }],
  ]);
  const entitlements = await api('GET', `/v1/customers/${customerId}/entitlements`, { key: sk });
  expect(entitlements.body.data.map((entitlement: { featureKey: string }) => entitlement.featureKey)).toContain('pro');
});

test('without a default method at renewal: the invoice stays open with payment_method_required and no charge is tried', async () => {
  const { clockId, subscriptionId, paymentMethodId } = await paidThroughCheckout('walk_nomethod', prices.monthly, '4242424242424242');
  expect((await api('DELETE', `/v1/payment-methods/${paymentMethodId}`, { key: sk })).status).toBe(200);
  await advance(clockId, '2027-02-16T10:00:00.000Z');
  const [, renewal] = await invoicesOf(subscriptionId);
  expect(renewal).toMatchObject({ status: 'open', lastPaymentError: { code: 'payment_method_required', declineCode: null } });
  expect((await api('GET', `/v1/subscriptions/${subscriptionId}`, { key: sk })).body).toMatchObject({ status: 'past_due' });
});

test('a card that needs authentication cannot be confirmed off-session: invoice.payment_action_required', async () => {
  const { clockId, subscriptionId } = await paidThroughCheckout('walk_3184', prices.trial, '4000 0027 6000 3184');
  await advance(clockId, '2027-01-23T10:00:00.000Z');
  const [, first] = await invoicesOf(subscriptionId);
  expect(first).toMatchObject({ status: 'open', lastPaymentError: { code: 'authentication_required' } });
  expect((await eventsAbout(subscriptionId)).map((event) => event.type)).toContain('invoice.payment_action_required');
});

test('a free price renews without invoices, as before checkout existed', async () => {
  const free = await api('POST', '/v1/products', { key: sk, body: { name: 'Free', featureKeys: ['basic'], prices: [{ amount: 0, currency: 'usd', interval: 'month' }] } });
  const clock = await api('POST', '/v1/test-clocks', { key: sk, body: { frozenTime: START } });
  const customer = await api('POST', '/v1/customers', { key: sk, body: { externalUserId: 'walk_free', testClockId: clock.body.id } });
  const subscription = await api('POST', '/v1/subscriptions', { key: sk, body: { customerId: customer.body.id, priceId: free.body.prices[0].id } });
  expect(subscription.body).toMatchObject({ status: 'active' });
  await advance(clock.body.id, '2027-03-16T10:00:00.000Z');
  expect(await invoicesOf(subscription.body.id)).toEqual([]);
  expect((await api('GET', `/v1/subscriptions/${subscription.body.id}`, { key: sk })).body).toMatchObject({ status: 'active', currentPeriodStart: '2027-03-15T10:00:00.000Z' });
  expect((await eventsAbout(subscription.body.id)).map((event) => event.type)).toEqual(['subscription.created', 'subscription.renewed', 'subscription.renewed']);
});

test('a secret-key create with a card on file is paid at once and every renewal is invoiced and charged, like a checkout', async () => {
  const clock = await api('POST', '/v1/test-clocks', { key: sk, body: { frozenTime: START } });
  const customer = await api('POST', '/v1/customers', { key: sk, body: { externalUserId: 'walk_direct', testClockId: clock.body.id } });
  expect((await api('POST', `/v1/customers/${customer.body.id}/payment-methods`, { key: sk, body: { paymentMethodId: 'pm_card_visa' } })).status).toBe(201);
  const subscription = await api('POST', '/v1/subscriptions', { key: sk, body: { customerId: customer.body.id, priceId: prices.monthly } });
  expect(subscription.body).toMatchObject({ status: 'active' });
  await advance(clock.body.id, '2027-03-16T10:00:00.000Z');
  expect((await invoicesOf(subscription.body.id)).map((invoice) => [invoice.billingReason, invoice.status, invoice.amountPaid, invoice.periodStart, invoice.paidAt])).toEqual([
    ['subscription_create', 'paid', 2900, '2027-01-15T10:00:00.000Z', '2027-01-15T10:00:00.000Z'],
    ['subscription_cycle', 'paid', 2900, '2027-02-15T10:00:00.000Z', '2027-02-15T10:00:00.000Z'],
    ['subscription_cycle', 'paid', 2900, '2027-03-15T10:00:00.000Z', '2027-03-15T10:00:00.000Z'],
  ]);
  expect((await api('GET', `/v1/subscriptions/${subscription.body.id}`, { key: sk })).body).toMatchObject({ status: 'active', currentPeriodStart: '2027-03-15T10:00:00.000Z' });
});

test('POST /v1/invoices/:id/pay: a refused charge answers 402 and is recorded; with a working card the invoice is paid once and the past-due subscription is active again', async () => {
  const { clockId, customerId, subscriptionId } = await paidThroughCheckout('walk_pay', prices.trial, '4000 0000 0000 0341');
  await advance(clockId, '2027-01-23T10:00:00.000Z');
  const [, open] = await invoicesOf(subscriptionId);
  expect(open).toMatchObject({ status: 'open', attemptCount: 1 });

  const refused = await api('POST', `/v1/invoices/${open.id}/pay`, { key: sk });
  expect(refused.status).toBe(402);
  expect(refused.body.error).toMatchObject({ type: 'payment_error', code: 'card_declined' });
  expect((await api('GET', `/v1/invoices/${open.id}`, { key: sk })).body).toMatchObject({ status: 'open', attemptCount: 2 });

  const card = await api('POST', `/v1/customers/${customerId}/payment-methods`, { key: sk, body: { paymentMethodId: 'pm_card_visa', setDefault: true } });
  expect(card.status).toBe(201);
  const [first, second] = await Promise.all([api('POST', `/v1/invoices/${open.id}/pay`, { key: sk }), api('POST', `/v1/invoices/${open.id}/pay`, { key: sk })]);
  const paid = first.status === 200 ? first : second;
  expect([[200, 400], [200, 409]]).toContainEqual([first.status, second.status].sort());
  expect(paid.body).toMatchObject({ status: 'paid', amountPaid: 2900, attemptCount: 3, lastPaymentError: null, paidAt: '2027-01-23T10:00:00.000Z' });
  expect((await api('GET', `/v1/subscriptions/${subscriptionId}`, { key: sk })).body).toMatchObject({ status: 'active' });
  const events = await eventsAbout(subscriptionId);
  expect(events.slice(-2).sort(byType).map((event) => [event.type, event.previousAttributes])).toEqual([
    ['invoice.paid', undefined],
    ['subscription.updated', { status: 'past_due' }],
  ]);
  expect((await api('POST', `/v1/invoices/${open.id}/pay`, { key: sk })).body.error).toMatchObject({ code: 'invoice_not_open' });
});
