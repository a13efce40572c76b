import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { TestPaymentProvider } from '../src/payments/test-payment-provider';
import { openMigratedDatabase } from '../src/storage/open-migrated-database';
import type { Database } from '../src/storage/database';
import { client, expectError } from './support/http';
import { createCustomer, mintToken } from './support/fixtures';

let server: TestServer;
let api: ReturnType<typeof client>;
let sk: string;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  sk = server.secretKey;
});
afterAll(() => server.close());

const attach = (customerId: string, paymentMethodId: string, extra: object = {}) =>
  api('POST', `/v1/customers/${customerId}/payment-methods`, { key: sk, body: { paymentMethodId, ...extra } });

describe('payment methods (secret key)', () => {
  test("a customer's first method becomes the default; listing shows the default first, never a card number", async () => {
    const customer = await createCustomer(api, sk, 'pm_first');
    const visa = await attach(customer.id, 'pm_card_visa');
    expect(visa.status).toBe(201);
    expect(visa.body).toEqual({
      id: expect.stringMatching(/^pm_/),
      object: 'payment_method',
      customerId: customer.id,
      type: 'card',
      card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: expect.any(Number) },
      isDefault: true,
      livemode: false,
      createdAt: expect.any(String),
    });
    const declining = await attach(customer.id, 'pm_card_chargeDeclined');
    expect(declining.body).toMatchObject({ isDefault: false, card: { last4: '0341' } });

    const listed = await api('GET', `/v1/customers/${customer.id}/payment-methods`, { key: sk });
    expect(listed.body.data.map((method: { id: string }) => method.id)).toEqual([visa.body.id, declining.body.id]);

    const chosen = await api('POST', `/v1/payment-methods/${declining.body.id}/default`, { key: sk });
    expect(chosen.body.isDefault).toBe(true);
    const after = await api('GET', `/v1/customers/${customer.id}/payment-methods`, { key: sk });
    expect(after.body.data.map((method: { id: string; isDefault: boolean }) => [method.id, method.isDefault])).toEqual([
      [declining.body.id, true],
      [visa.body.id, false],
    ]);

    expect((await attach(customer.id, 'pm_card_insufficientFunds', { setDefault: true })).body).toMatchObject({ isDefault: true, card: { last4: '9995' } });
    expect((await api('GET', `/v1/customers/${customer.id}/payment-methods`, { key: sk })).body.data.filter((method: { isDefault: boolean }) => method.isDefault)).toHaveLength(1);
  });

  test('removing a method answers deleted and emits payment_method.detached; attaching emitted payment_method.attached', async () => {
    const customer = await createCustomer(api, sk, 'pm_detach');
    const method = (await attach(customer.id, 'pm_card_visa')).body;
    expect((await api('DELETE', `/v1/payment-methods/${method.id}`, { key: sk })).body).toEqual({ id: method.id, object: 'payment_method', deleted: true });
    expect((await api('GET', `/v1/customers/${customer.id}/payment-methods`, { key: sk })).body.data).toEqual([]);
    expectError(await api('DELETE', `/v1/payment-methods/${method.id}`, { key: sk }), 404, 'not_found_error');

    const events = (await api('GET', '/v1/events?limit=20', { key: sk })).body.data as Array<{ type: string; data: { id: string } }>;
    expect(events.filter((event) => event.data.id === method.id).map((event) => event.type).sort()).toEqual(['payment_method.attached', 'payment_method.detached']);
  });

  test('clear errors: an unknown method or customer is a 404 naming the parameter; a live key has no provider yet', async () => {
    const customer = await createCustomer(api, sk, 'pm_errors');
    expect(expectError(await attach(customer.id, 'pm_card_nonsense'), 404, 'not_found_error').param).toBe('paymentMethodId');
    expect(expectError(await attach('cus_missing', 'pm_card_visa'), 404, 'not_found_error').param).toBe('customerId');
    expect(expectError(await api('POST', `/v1/customers/${customer.id}/payment-methods`, { key: sk, body: {} }), 400, 'invalid_request_error').param).toBe('paymentMethodId');
    const live = await api('POST', '/v1/customers', { key: server.liveSecretKey, body: { externalUserId: 'pm_live' } });
    const refused = expectError(
      await api('POST', `/v1/customers/${live.body.id}/payment-methods`, { key: server.liveSecretKey, body: { paymentMethodId: 'pm_card_visa' } }),
      400,
      'invalid_request_error',
      'payment_provider_not_configured',
    );
    expect(refused.message).toMatch(/test provider takes test mode only/);
  });
});

describe('/v1/me/payment-methods (session token)', () => {
  test("the token's customer lists, chooses and removes its own cards, and cannot touch another customer's", async () => {
    const { sessionToken, customerId } = await mintToken(api, sk, 'pm_me', ['read_customer', 'manage_subscription']);
    const mine = (await attach(customerId, 'pm_card_visa')).body;
    const second = (await attach(customerId, 'pm_card_insufficientFunds')).body;
    const other = await createCustomer(api, sk, 'pm_other');
    const theirs = (await attach(other.id, 'pm_card_visa')).body;

    expect((await api('GET', '/v1/me/payment-methods', { key: sessionToken })).body.data.map((method: { id: string }) => method.id)).toEqual([mine.id, second.id]);
    expect((await api('POST', `/v1/me/payment-methods/${second.id}/default`, { key: sessionToken })).body.isDefault).toBe(true);
    expectError(await api('POST', `/v1/me/payment-methods/${theirs.id}/default`, { key: sessionToken }), 404, 'not_found_error');
    expectError(await api('DELETE', `/v1/me/payment-methods/${theirs.id}`, { key: sessionToken }), 404, 'not_found_error');
    expect((await api('DELETE', `/v1/me/payment-methods/${mine.id}`, { key: sessionToken })).body.deleted).toBe(true);

    const readOnly = await mintToken(api, sk, 'pm_me', ['read_customer']);
    expectError(await api('DELETE', `/v1/me/payment-methods/${second.id}`, { key: readOnly.sessionToken }), 403, 'permission_error', 'operation_not_allowed');
    expectError(await api('GET', '/v1/me/payment-methods', { key: server.publishableKey, headers: { 'BillingOS-Customer': 'pm_me' } }), 403, 'permission_error');
  });
});

describe('the test provider', () => {
  let db: Database;
  let provider: TestPaymentProvider;
  beforeAll(async () => {
    db = await openMigratedDatabase({});
    provider = new TestPaymentProvider(db);
  });
  afterAll(() => db.close());

  const card = (number: string, expYear = new Date().getUTCFullYear() + 2) => ({ number, expMonth: 12, expYear, cvc: '123' });
  const charge = (providerMethodId: string, idempotencyKey: string, offSession = true) =>
    provider.charge({ attemptId: idempotencyKey, idempotencyKey, amount: 1000, currency: 'usd', providerMethodId, offSession });

  test.each([
    ['4242 4242 4242 4242', 'succeeded', undefined],
    ['4000000000000341', 'failed', { code: 'card_declined', declineCode: 'generic_decline', retryable: true }],
    ['4000000000009995', 'failed', { code: 'card_declined', declineCode: 'insufficient_funds', retryable: true }],
    ['4000000000000002', 'failed', { code: 'card_declined', declineCode: 'generic_decline', retryable: true }],
    ['4000000000009987', 'failed', { code: 'card_declined', declineCode: 'lost_card', retryable: false }],
    ['4000000000000069', 'failed', { code: 'expired_card', declineCode: 'expired_card', retryable: false }],
    ['4000002760003184', 'failed', { code: 'authentication_required', retryable: false }],
  ])('card %s attaches, then an off-session charge is %s', async (number, status, failure) => {
    const method = await provider.attachCard(card(number));
    expect(method.card).toEqual({ brand: 'visa', last4: number.replace(/\s/g, '').slice(-4), expMonth: 12, expYear: expect.any(Number) });
    const result = await charge(method.providerMethodId, `attempt_${method.providerMethodId}`);
    expect(result.status).toBe(status);
    if (failure) expect(result.failure).toMatchObject(failure);
    else expect(result.failure).toBeUndefined();
  });

  test('4000 0027 6000 3184 on session asks for authentication; the page decides', async () => {
    const method = await provider.attachCard(card('4000002760003184'));
    const first = await charge(method.providerMethodId, 'attempt_3ds_ok', false);
    expect(first).toMatchObject({ status: 'requires_action', nextAction: { type: 'redirect', url: `/v1/test-payments/${first.providerPaymentId}/authenticate` } });
    expect((await provider.authenticate(first.providerPaymentId, true)).status).toBe('succeeded');
    const second = await charge(method.providerMethodId, 'attempt_3ds_fail', false);
    expect(await provider.authenticate(second.providerPaymentId, false)).toMatchObject({ status: 'failed', failure: { code: 'authentication_required' } });
  });

  test('pm_card_recoversAfter2 fails twice, then succeeds; a retried attempt (same key) returns its first result and charges nothing more', async () => {
    const method = (await provider.attachExisting('pm_card_recoversAfter2'))!;
    const statuses = [];
    for (const key of ['r1', 'r2', 'r3']) statuses.push((await charge(method.providerMethodId, key)).status);
    expect(statuses).toEqual(['failed', 'failed', 'succeeded']);
    const retried = await Promise.all([charge(method.providerMethodId, 'r2'), charge(method.providerMethodId, 'r2')]);
    expect(retried.map((result) => result.status)).toEqual(['failed', 'failed']);
    expect((await db.query('SELECT count(*)::int AS n FROM test_provider_payments WHERE method_id = $1', [method.providerMethodId]))[0]).toEqual({ n: 3 });
  });

  test('a number that is not a card, a real card in test mode, or a past expiry is refused in the words a buyer understands; nothing stores a number', async () => {
    await expect(provider.attachCard(card('4242424242424241'))).rejects.toMatchObject({ failure: { declineCode: 'incorrect_number' }, param: 'card.number', message: 'Your card number is incorrect.' });
    await expect(provider.attachCard(card('4111111111111111'))).rejects.toMatchObject({ failure: { declineCode: 'test_mode_live_card' }, message: expect.stringMatching(/test card/) });
    await expect(provider.attachCard(card('4242424242424242', 2020))).rejects.toMatchObject({ failure: { code: 'expired_card' }, param: 'card.expYear' });
    const dump = JSON.stringify([await db.query('SELECT * FROM test_provider_methods'), await db.query('SELECT * FROM test_provider_payments')]);
    for (const number of ['4242424242424242', '4000000000000341', '4000002760003184']) expect(dump).not.toContain(number);
  });
});
