import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { client, expectError } from './support/http';
import { mintToken } from './support/fixtures';

let server: TestServer;
let api: ReturnType<typeof client>;
let sk: string;
let prices: { pro: string; trial: string };

const URLS = { successUrl: 'https://merchant.example/billing/done', cancelUrl: 'https://merchant.example/pricing' };
const card = (number: string) => ({ number, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' });

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  sk = server.secretKey;
  const pro = await api('POST', '/v1/products', {
    key: sk,
    body: { name: 'Pro', featureKeys: ['pro'], prices: [{ amount: 2500, currency: 'usd', interval: 'month' }, { amount: 2500, currency: 'usd', interval: 'month', trialDays: 14 }] },
  });
  prices = { pro: pro.body.prices[0].id, trial: pro.body.prices[1].id };
});
afterAll(() => server.close());

async function session(externalUserId: string, body: object = {}) {
  const created = await api('POST', '/v1/checkout-sessions', { key: sk, body: { externalUserId, mode: 'subscription', priceId: prices.pro, ...URLS, ...body } });
  expect(created.status).toBe(201);
  return created.body;
}

const confirm = (id: string, clientSecret: string, body: object) => api('POST', `/v1/checkout-sessions/${id}/confirm`, { body: { clientSecret, ...body } });

describe('checkout sessions', () => {
  test('4242: the card is charged once, the subscription, its paid first invoice and the default card are recorded, and the buyer goes to successUrl', async () => {
    const created = await session('co_success');
    expect(created).toMatchObject({
      id: expect.stringMatching(/^cs_/),
      object: 'checkout_session',
      status: 'open',
      mode: 'subscription',
      amountDue: 2500,
      currency: 'usd',
      trialDays: 0,
      subscriptionId: null,
      clientSecret: expect.stringMatching(/^cs_\w+_secret_/),
    });
    expect(created.url).toBe(`${server.url}/checkout/${created.clientSecret}`);
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBe(24 * 3_600_000);

    const done = await confirm(created.id, created.clientSecret, { card: card('4242 4242 4242 4242') });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({
      status: 'complete',
      subscriptionId: expect.stringMatching(/^sub_/),
      paymentMethodId: expect.stringMatching(/^pm_/),
      redirectUrl: `${URLS.successUrl}?session_id=${created.id}`,
    });
    const subscription = await api('GET', `/v1/subscriptions/${done.body.subscriptionId}`, { key: sk });
    expect(subscription.body).toMatchObject({ status: 'active', price: { id: prices.pro } });
    const invoices = await api('GET', `/v1/invoices?subscriptionId=${done.body.subscriptionId}`, { key: sk });
    expect(invoices.body.data).toEqual([
      expect.objectContaining({
        object: 'invoice',
        number: expect.stringMatching(/^TEST-\d{4}$/),
        status: 'paid',
        billingReason: 'subscription_create',
        total: 2500,
        amountPaid: 2500,
        attemptCount: 1,
        lines: [expect.objectContaining({ amount: 2500, quantity: 1, priceId: prices.pro, proration: false })],
      }),
    ]);
    const methods = await api('GET', `/v1/customers/${subscription.body.customerId}/payment-methods`, { key: sk });
    expect(methods.body.data).toEqual([expect.objectContaining({ id: done.body.paymentMethodId, isDefault: true, card: expect.objectContaining({ brand: 'visa', last4: '4242' }) })]);
    expect((await api('GET', `/v1/checkout-sessions/${created.id}`, { key: sk })).body).toMatchObject({ status: 'complete', subscriptionId: done.body.subscriptionId });

    const again = await confirm(created.id, created.clientSecret, { card: card('4242424242424242') });
    expect(again.body).toEqual(done.body);
    expect((await api('GET', `/v1/subscriptions?customerId=${subscription.body.customerId}`, { key: sk })).body.data).toHaveLength(1);
    expect((await api('GET', `/v1/invoices?customerId=${subscription.body.customerId}`, { key: sk })).body.data).toHaveLength(1);
  });

  test.each([
    ['4000000000000002', 'card_declined', 'Your card was declined.'],
    ['4000000000009995', 'card_declined', 'Your card has insufficient funds.'],
    ['4000000000009987', 'card_declined', 'Your card was declined. Use another card.'],
    ['4000000000000069', 'expired_card', 'Your card has expired. Use another card.'],
    ['4000000000000341', 'card_declined', 'Your card was declined.'],
    ['4242424242424241', 'card_declined', 'Your card number is incorrect.'],
  ])('%s: the session stays open with what to tell the buyer; nothing is created; a good card then completes it', async (number, code, message) => {
    const created = await session(`co_decline_${number}`);
    const declined = await confirm(created.id, created.clientSecret, { card: card(number) });
    expect(declined.body).toEqual({ status: 'open', requiredAction: { code: 'payment_failed', failure: { code, declineCode: expect.any(String), message } } });
    expect((await api('GET', `/v1/subscriptions?customerId=${created.customerId}`, { key: sk })).body.data).toEqual([]);
    expect((await api('GET', `/v1/invoices?customerId=${created.customerId}`, { key: sk })).body.data).toEqual([]);
    expect((await confirm(created.id, created.clientSecret, { paymentMethodId: 'pm_card_visa' })).body.status).toBe('complete');
  });

  test('4000 0027 6000 3184: authentication first; Complete on the test page completes the checkout, once', async () => {
    const created = await session('co_3ds');
    const first = await confirm(created.id, created.clientSecret, { card: card('4000002760003184') });
    expect(first.body).toEqual({ status: 'open', requiredAction: { code: 'requires_action', url: expect.stringMatching(new RegExp(`^${server.url}/v1/test-payments/tpay_\\w+/authenticate\\?checkout=${created.id}$`)) } });
    const page = await fetch(first.body.requiredAction.url);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await page.text();
    expect(html).toMatch(/Complete/);
    const action = /action="([^"]+\/complete[^"]*)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    const completed = await fetch(`${server.url}${action}`, { method: 'POST', redirect: 'manual' });
    expect(completed.status).toBe(303);
    const resumed = await confirm(created.id, created.clientSecret, { card: card('4000002760003184') });
    expect(resumed.body).toMatchObject({ status: 'complete' });
    expect((await api('GET', `/v1/invoices?customerId=${created.customerId}`, { key: sk })).body.data).toHaveLength(1);
  });

  test('a trial saves the card and charges nothing today; the first invoice is 0 and paid', async () => {
    const created = await session('co_trial', { priceId: prices.trial });
    expect(created).toMatchObject({ amountDue: 0, trialDays: 14 });
    const done = await confirm(created.id, created.clientSecret, { card: card('4000000000000341') });
    expect(done.body.status).toBe('complete');
    expect((await api('GET', `/v1/subscriptions/${done.body.subscriptionId}`, { key: sk })).body.status).toBe('trialing');
    expect((await api('GET', `/v1/invoices?customerId=${created.customerId}`, { key: sk })).body.data[0]).toMatchObject({ total: 0, status: 'paid', attemptCount: 0 });
  });

  test('setup mode saves a card as the default and creates no subscription', async () => {
    const created = await api('POST', '/v1/checkout-sessions', { key: sk, body: { externalUserId: 'co_setup', mode: 'setup', ...URLS } });
    expect(created.body).toMatchObject({ mode: 'setup', amountDue: 0, priceId: null, currency: null });
    const done = await confirm(created.body.id, created.body.clientSecret, { card: card('5555555555554444') });
    expect(done.body).toMatchObject({ status: 'complete', subscriptionId: null });
    const methods = await api('GET', `/v1/customers/${created.body.customerId}/payment-methods`, { key: sk });
    expect(methods.body.data).toEqual([expect.objectContaining({ isDefault: true, card: expect.objectContaining({ brand: 'mastercard', last4: '4444' }) })]);
  });

  test('confirming twice at once charges once: one completes, the other waits (409) or sees it complete', async () => {
    const created = await session('co_twice');
    const answers = await Promise.all([1, 2, 3].map(() => confirm(created.id, created.clientSecret, { paymentMethodId: 'pm_card_visa' })));
    const outcomes = answers.map((answer) => (answer.status === 409 ? answer.body.error.code : answer.body.status));
    expect(outcomes).toContain('complete');
    expect(outcomes.every((outcome) => outcome === 'complete' || outcome === 'checkout_session_processing')).toBe(true);
    expect((await api('GET', `/v1/invoices?customerId=${created.customerId}`, { key: sk })).body.data).toHaveLength(1);
    expect((await api('GET', `/v1/subscriptions?customerId=${created.customerId}`, { key: sk })).body.data).toHaveLength(1);
  });

  test('clear errors: a wrong secret is 401, bodies say what to send, an unknown price is a 404 naming it', async () => {
    const created = await session('co_errors');
    expectError(await confirm(created.id, 'cs_nope_secret_nope', { paymentMethodId: 'pm_card_visa' }), 401, 'authentication_error', 'invalid_client_secret');
    expectError(await api('POST', `/v1/checkout-sessions/${created.id}/confirm`, { body: { paymentMethodId: 'pm_card_visa' } }), 401, 'authentication_error');
    expect((await api('POST', `/v1/checkout-sessions/${created.id}/confirm`, { key: created.clientSecret, body: { paymentMethodId: 'pm_card_visa' } })).body.status).toBe('complete');
    expect(expectError(await confirm(created.id, created.clientSecret, {}), 400, 'invalid_request_error').param).toBe('card');
    const noPrice = await api('POST', '/v1/checkout-sessions', { key: sk, body: { externalUserId: 'co_errors', mode: 'subscription', ...URLS } });
    expect(expectError(noPrice, 400, 'invalid_request_error').param).toBe('priceId');
    const badUrl = await api('POST', '/v1/checkout-sessions', { key: sk, body: { externalUserId: 'co_errors', mode: 'setup', successUrl: 'javascript:alert(1)', cancelUrl: URLS.cancelUrl } });
    expect(expectError(badUrl, 400, 'invalid_request_error').param).toBe('successUrl');
    expect(expectError(await api('POST', '/v1/checkout-sessions', { key: sk, body: { externalUserId: 'co_errors', mode: 'subscription', priceId: 'price_missing', ...URLS } }), 404, 'not_found_error').param).toBe('priceId');
  });
});

describe('/v1/me/checkout-sessions', () => {
  test('a session token starts a checkout for its own customer, held to the self-serve rules; the customer sees its invoices', async () => {
    const { sessionToken, customerId } = await mintToken(api, sk, 'co_me', ['read_customer', 'read_subscription', 'manage_subscription']);
    const created = await api('POST', '/v1/me/checkout-sessions', { key: sessionToken, body: { mode: 'subscription', priceId: prices.pro, ...URLS } });
    expect(created.status).toBe(201);
    expect(created.body.customerId).toBe(customerId);
    expect((await confirm(created.body.id, created.body.clientSecret, { card: card('4242424242424242') })).body.status).toBe('complete');
    const second = await api('POST', '/v1/me/checkout-sessions', { key: sessionToken, body: { mode: 'subscription', priceId: prices.pro, ...URLS } });
    expectError(second, 400, 'invalid_request_error', 'subscription_exists');
    const mine = await api('GET', '/v1/me/invoices', { key: sessionToken });
    expect(mine.body.data.map((invoice: { customerId: string; status: string }) => [invoice.customerId, invoice.status])).toEqual([[customerId, 'paid']]);

    const readOnly = await mintToken(api, sk, 'co_me', ['read_customer']);
    expectError(await api('POST', '/v1/me/checkout-sessions', { key: readOnly.sessionToken, body: { mode: 'setup', ...URLS } }), 403, 'permission_error');
  });
  test('two open checkouts of one customer paid at once: one payment at a time per customer, so one subscription and one charge', async () => {
    const { sessionToken, customerId } = await mintToken(api, sk, 'co_me_twice', ['read_subscription', 'manage_subscription']);
    const open = async () => (await api('POST', '/v1/me/checkout-sessions', { key: sessionToken, body: { mode: 'subscription', priceId: prices.pro, ...URLS } })).body;
    const [first, second] = [await open(), await open()];
    const answers = await Promise.all([first, second].map((created) => confirm(created.id, created.clientSecret, { card: card('4242424242424242') })));
    const outcomes = answers.map((answer) => (answer.status === 200 ? answer.body.status : answer.body.error.code)).sort();
    expect(['complete,payment_in_progress', 'complete,subscription_exists']).toContain(outcomes.join(','));
    expect((await api('GET', `/v1/subscriptions?customerId=${customerId}`, { key: sk })).body.data).toHaveLength(1);
    expect((await api('GET', `/v1/invoices?customerId=${customerId}`, { key: sk })).body.data).toHaveLength(1);
  });
});

test('a hosted invoice page and the card number: the number is in no response, and never stored', async () => {
  const created = await session('co_number');
  const done = await confirm(created.id, created.clientSecret, { card: card('4242424242424242') });
  const invoice = (await api('GET', `/v1/invoices?customerId=${created.customerId}`, { key: sk })).body.data[0];
  const responses = JSON.stringify([done.body, invoice, (await api('GET', `/v1/events?limit=50`, { key: sk })).body]);
  expect(responses).not.toContain('4242424242424242');
  expect(invoice.hostedInvoiceUrl).toMatch(new RegExp(`^${server.url}/invoices/[\\w-]{32}$`));
});
