import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { client, expectError } from './support/http';
import { attachCard } from './support/fixtures';

let server: TestServer;
let api: ReturnType<typeof client>;
let sk: string;
let prices: { free: string; pro: string; trial: string };

const START = '2027-01-15T10:00:00.000Z';

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  sk = server.secretKey;
  const free = await api('POST', '/v1/products', { key: sk, body: { name: 'Free', featureKeys: ['basic'], prices: [{ amount: 0, currency: 'usd', interval: 'month' }] } });
  const pro = await api('POST', '/v1/products', {
    key: sk,
    body: { name: 'Pro', featureKeys: ['pro'], prices: [{ amount: 2500, currency: 'usd', interval: 'month' }, { amount: 2500, currency: 'usd', interval: 'month', trialDays: 7 }] },
  });
  prices = { free: free.body.prices[0].id, pro: pro.body.prices[0].id, trial: pro.body.prices[1].id };
});
afterAll(() => server.close());

/** A customer (on a test clock at START when asked), with a card on file when given one. */
async function customer(externalUserId: string, card?: string, onClock = false) {
  const clock = onClock ? (await api('POST', '/v1/test-clocks', { key: sk, body: { frozenTime: START } })).body : null;
  const created = await api('POST', '/v1/customers', { key: sk, body: { externalUserId, ...(clock ? { testClockId: clock.id } : {}) } });
  if (card) await attachCard(api, sk, created.body.id, card);
  return { id: created.body.id as string, clockId: clock?.id as string | undefined };
}

const subscribe = (customerId: string, priceId: string, extra: object = {}) => api('POST', '/v1/subscriptions', { key: sk, body: { customerId, priceId, ...extra } });
const invoicesOf = async (subscriptionId: string) => (await api('GET', `/v1/invoices?subscriptionId=${subscriptionId}`, { key: sk })).body.data as Array<Record<string, any>>;
const featuresOf = async (customerId: string) => ((await api('GET', `/v1/customers/${customerId}/entitlements`, { key: sk })).body.data as Array<{ featureKey: string }>).map((e) => e.featureKey);
/** The types of the events about a subscription and its invoices, sorted (events of one instant have no order among them). */
const typesAbout = async (id: string) =>
  ((await api('GET', '/v1/events?limit=100', { key: sk })).body.data as Array<{ type: string; data: { id: string; subscriptionId?: string } }>)
    .filter((event) => event.data.id === id || event.data.subscriptionId === id)
    .map((event) => event.type)
    .sort();

test('with a card on file: charged first, then active with its paid invoice; the events never show it incomplete', async () => {
  const buyer = await customer('sk_visa', 'pm_card_visa');
  const created = await subscribe(buyer.id, prices.pro, { metadata: { seat: '4' } });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: 'active', metadata: { seat: '4' } });
  expect(await invoicesOf(created.body.id)).toEqual([expect.objectContaining({ status: 'paid', billingReason: 'subscription_create', amountPaid: 2500, attemptCount: 1 })]);
  expect(await featuresOf(buyer.id)).toContain('pro');
  expect(await typesAbout(created.body.id)).toEqual(['invoice.created', 'invoice.finalized', 'invoice.paid', 'subscription.created']);
  // The card it was paid with is the one on file, not saved a second time.
  const methods = (await api('GET', `/v1/customers/${buyer.id}/payment-methods`, { key: sk })).body.data;
  expect(methods).toEqual([expect.objectContaining({ isDefault: true, card: expect.objectContaining({ last4: '4242' }) })]);
});

test('without a card: incomplete, no features, an open invoice; paying it on its page makes the subscription active', async () => {
  const buyer = await customer('sk_none');
  const created = await subscribe(buyer.id, prices.pro);
  expect(created.body).toMatchObject({ status: 'incomplete' });
  const [invoice] = await invoicesOf(created.body.id);
  expect(invoice).toMatchObject({ status: 'open', amountDue: 2500, attemptCount: 0, lastPaymentError: null, hostedInvoiceUrl: expect.stringMatching(/^http/) });
  expect(await featuresOf(buyer.id)).not.toContain('pro');
  expectError(await api('PATCH', `/v1/subscriptions/${created.body.id}`, { key: sk, body: { priceId: prices.trial } }), 400, 'invalid_request_error', 'subscription_incomplete');

  await attachCard(api, sk, buyer.id, 'pm_card_visa');
  const paid = await api('POST', `/v1/invoices/${invoice!.id}/pay`, { key: sk });
  expect(paid.body).toMatchObject({ status: 'paid', amountPaid: 2500 });
  expect((await api('GET', `/v1/subscriptions/${created.body.id}`, { key: sk })).body).toMatchObject({ status: 'active' });
  expect(await featuresOf(buyer.id)).toContain('pro');
  expect(await typesAbout(created.body.id)).toEqual(['invoice.created', 'invoice.finalized', 'invoice.paid', 'subscription.created', 'subscription.updated']);
});

test.each([
  ['pm_card_chargeDeclined', 'card_declined', 'invoice.payment_failed'],
  ['pm_card_insufficientFunds', 'card_declined', 'invoice.payment_failed'],
])('a refused card on file (%s): incomplete, the invoice keeps the attempt and the failure (%s, %s)', async (card, code, event) => {
  const buyer = await customer(`sk_${card}`, card);
  const created = await subscribe(buyer.id, prices.pro);
  expect(created.body).toMatchObject({ status: 'incomplete' });
  const [invoice] = await invoicesOf(created.body.id);
  expect(invoice).toMatchObject({ status: 'open', attemptCount: 1, lastPaymentError: { code } });
  expect(await typesAbout(created.body.id)).toEqual(['invoice.created', 'invoice.finalized', event, 'subscription.created'].sort());
  expect(await featuresOf(buyer.id)).not.toContain('pro');
});

test('unpaid for 23 hours on its clock: incomplete_expired for good, its invoice void', async () => {
  const buyer = await customer('sk_expire', undefined, true);
  const created = await subscribe(buyer.id, prices.pro);
  const advance = (frozenTime: string) => api('POST', `/v1/test-clocks/${buyer.clockId}/advance`, { key: sk, body: { frozenTime } });
  expect((await advance('2027-01-16T08:59:00.000Z')).body).toMatchObject({ status: 'ready' });
  expect((await api('GET', `/v1/subscriptions/${created.body.id}`, { key: sk })).body.status).toBe('incomplete');
  expect((await advance('2027-01-16T09:00:00.000Z')).body).toMatchObject({ status: 'ready' });
  expect((await api('GET', `/v1/subscriptions/${created.body.id}`, { key: sk })).body.status).toBe('incomplete_expired');
  const [invoice] = await invoicesOf(created.body.id);
  expect(invoice).toMatchObject({ status: 'void' });
  expect(await typesAbout(created.body.id)).toEqual(['invoice.created', 'invoice.finalized', 'invoice.voided', 'subscription.created', 'subscription.updated']);
  expectError(await api('POST', `/v1/subscriptions/${created.body.id}/cancel`, { key: sk, body: {} }), 400, 'invalid_request_error', 'subscription_canceled');
  expectError(await api('POST', `/v1/invoices/${invoice!.id}/pay`, { key: sk }), 400, 'invalid_request_error', 'invoice_not_open');
  // It no longer counts: a new subscription can start.
  expect((await subscribe(buyer.id, prices.free)).status).toBe(201);
});

test('canceling an incomplete subscription voids its open invoice', async () => {
  const buyer = await customer('sk_cancel');
  const created = await subscribe(buyer.id, prices.pro);
  const canceled = await api('POST', `/v1/subscriptions/${created.body.id}/cancel`, { key: sk, body: { atPeriodEnd: true } });
  expect(canceled.body).toMatchObject({ status: 'canceled' });
  expect(await invoicesOf(created.body.id)).toEqual([expect.objectContaining({ status: 'void' })]);
});

test('a free price and a trial start at once, without a card; the trial is charged at its end', async () => {
  const buyer = await customer('sk_trial', undefined, true);
  expect((await subscribe(buyer.id, prices.free)).body).toMatchObject({ status: 'active' });
  const trial = await subscribe(buyer.id, prices.trial);
  expect(trial.body).toMatchObject({ status: 'trialing' });
  expect(await featuresOf(buyer.id)).toContain('pro');
  await attachCard(api, sk, buyer.id, 'pm_card_visa');
  await api('POST', `/v1/test-clocks/${buyer.clockId}/advance`, { key: sk, body: { frozenTime: '2027-01-23T10:00:00.000Z' } });
  expect(await invoicesOf(trial.body.id)).toEqual([expect.objectContaining({ status: 'paid', billingReason: 'subscription_cycle', amountPaid: 2500 })]);
});

test('an explicit trialDays: 0 on a price with a trial is charged now', async () => {
  const buyer = await customer('sk_no_trial', 'pm_card_visa');
  const created = await subscribe(buyer.id, prices.trial, { trialDays: 0 });
  expect(created.body).toMatchObject({ status: 'active', trialEnd: null });
  expect(await invoicesOf(created.body.id)).toEqual([expect.objectContaining({ status: 'paid', amountPaid: 2500 })]);
});

test('a paid subscription renews by charging the card, once per period', async () => {
  const buyer = await customer('sk_renew', 'pm_card_visa', true);
  const created = await subscribe(buyer.id, prices.pro);
  await api('POST', `/v1/test-clocks/${buyer.clockId}/advance`, { key: sk, body: { frozenTime: '2027-03-16T10:00:00.000Z' } });
  const invoices = await invoicesOf(created.body.id);
  expect(invoices.map((invoice) => [invoice.billingReason, invoice.status]).sort()).toEqual([
    ['subscription_create', 'paid'],
    ['subscription_cycle', 'paid'],
    ['subscription_cycle', 'paid'],
  ]);
});

describe("an incomplete subscription's invoice page takes the payment", () => {
  const form = (number: string, cvc = '123') =>
    new URLSearchParams({ number, expiry: `12 / ${String(new Date().getUTCFullYear() + 2).slice(2)}`, cvc }).toString();
  const post = (url: string, body: string) => fetch(url, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });

  test('a refused card: 402 and the page says why; 4242: saved as the default, the invoice paid once, the subscription active', async () => {
    const buyer = await customer('sk_hosted');
    const created = await subscribe(buyer.id, prices.pro);
    const [invoice] = await invoicesOf(created.body.id);
    const page = await (await fetch(invoice!.hostedInvoiceUrl)).text();
    expect(page).toContain('<h2 id="pay-heading">Pay this invoice</h2>');
    expect(page).toContain('>Pay $25.00</button>');

    const declined = await post(invoice!.hostedInvoiceUrl, form('4000 0000 0000 0002'));
    expect(declined.status).toBe(402);
    const declinedPage = await declined.text();
    expect(declinedPage).toMatch(/role="alert" id="card-error">Your card was declined\./);
    expect(declinedPage).not.toContain('4000000000000002');
    expect((await api('GET', `/v1/subscriptions/${created.body.id}`, { key: sk })).body.status).toBe('incomplete');
    // A card that did not pay is not kept.
    expect((await api('GET', `/v1/customers/${buyer.id}/payment-methods`, { key: sk })).body.data).toEqual([]);

    const incompleteField = await post(invoice!.hostedInvoiceUrl, form('4242 4242 4242 4242', '1'));
    expect(incompleteField.status).toBe(400);

    const paid = await post(invoice!.hostedInvoiceUrl, form('4242 4242 4242 4242'));
    expect([paid.status, paid.headers.get('location')]).toEqual([303, new URL(invoice!.hostedInvoiceUrl).pathname]);
    const after = await (await fetch(invoice!.hostedInvoiceUrl)).text();
    expect(after).toContain('badge-paid');
    expect(after).not.toContain('pay-heading');
    expect((await api('GET', `/v1/invoices/${invoice!.id}`, { key: sk })).body).toMatchObject({ status: 'paid', amountPaid: 2500, attemptCount: 2 });
    expect((await api('GET', `/v1/subscriptions/${created.body.id}`, { key: sk })).body.status).toBe('active');
    const methods = (await api('GET', `/v1/customers/${buyer.id}/payment-methods`, { key: sk })).body.data;
    expect(methods.find((method: { isDefault: boolean }) => method.isDefault)).toMatchObject({ card: { last4: '4242' } });

    // Posting again once paid changes nothing: back to the page.
    const again = await post(invoice!.hostedInvoiceUrl, form('4242 4242 4242 4242'));
    expect(again.status).toBe(303);
    expect((await api('GET', `/v1/invoices/${invoice!.id}`, { key: sk })).body).toMatchObject({ amountPaid: 2500, attemptCount: 2 });
  });
});

test("a test-clock customer's card and checkout are stamped with the clock's time, as its subscription's events are", async () => {
  const buyer = await customer('sk_clock_times', 'pm_card_visa', true);
  const [method] = (await api('GET', `/v1/customers/${buyer.id}/payment-methods`, { key: sk })).body.data;
  expect(method.createdAt).toBe(START);
  const session = await api('POST', '/v1/checkout-sessions', {
    key: sk,
    body: { customerId: buyer.id, mode: 'subscription', priceId: prices.pro, successUrl: 'https://merchant.example/done', cancelUrl: 'https://merchant.example/back' },
  });
  await api('POST', `/v1/checkout-sessions/${session.body.id}/confirm`, { body: { clientSecret: session.body.clientSecret, paymentMethodId: method.id } });
  const events = (await api('GET', '/v1/events?limit=100', { key: sk })).body.data as Array<{ type: string; createdAt: string; data: { id: string; customerId?: string } }>;
  const about = events.filter((event) => event.data.id === method.id || event.data.id === session.body.id);
  expect(about.map((event) => [event.type, event.createdAt]).sort()).toEqual([
    ['checkout.session.completed', START],
    ['payment_method.attached', START],
  ]);
});

test('creates at once for one customer with a card: each answered subscription is its own and paid once; the others wait (409)', async () => {
  const buyer = await customer('sk_race', 'pm_card_visa');
  const answers = await Promise.all([1, 2, 3].map(() => subscribe(buyer.id, prices.pro)));
  const created = answers.filter((answer) => answer.status === 201).map((answer) => answer.body.id as string);
  for (const answer of answers.filter((one) => one.status !== 201)) expect([answer.status, answer.body.error.code]).toEqual([409, 'payment_in_progress']);
  expect(created.length).toBeGreaterThanOrEqual(1);
  expect(new Set(created).size).toBe(created.length);
  const invoices = (await api('GET', `/v1/invoices?customerId=${buyer.id}`, { key: sk })).body.data as Array<{ subscriptionId: string; status: string }>;
  expect(invoices.map((invoice) => [invoice.subscriptionId, invoice.status]).sort()).toEqual(created.map((id) => [id, 'paid']).sort());
});
