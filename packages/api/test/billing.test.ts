import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { client, expectError } from './support/http';
import { attachCard, createCustomer, createPlan, mintToken } from './support/fixtures';

let server: TestServer;
let api: ReturnType<typeof client>;
let sk: string;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  sk = server.secretKey;
});
afterAll(() => server.close());

/** A customer with a card on file: a secret-key subscribe to a paid price charges it and starts `active`. */
async function customerWithCard(externalUserId: string) {
  const customer = await createCustomer(api, sk, externalUserId);
  await attachCard(api, sk, customer.id);
  return customer;
}

describe('products', () => {
  test('POST creates a product with prices and feature keys; GET returns it to sk, pk and session tokens', async () => {
    const product = await createPlan(api, sk, 'Pro', ['reports', 'api.access']);
    expect(product).toMatchObject({
      object: 'product',
      name: 'Pro',
      featureKeys: ['reports', 'api.access'],
      active: true,
      livemode: false,
      prices: [
        { object: 'price', amount: 1000, currency: 'usd', interval: 'month', intervalCount: 1, trialDays: 0, productId: product.id },
        { amount: 10000, interval: 'year' },
      ],
    });
    const { sessionToken } = await mintToken(api, sk, 'user_products');
    for (const key of [sk, server.publishableKey, sessionToken]) {
      const got = await api('GET', `/v1/products/${product.id}`, { key });
      expect(got.body).toEqual(product);
      const list = await api('GET', '/v1/products', { key });
      expect(list.body.data.map((item: { id: string }) => item.id)).toContain(product.id);
    }
  });

  test('only a secret key creates products', async () => {
    const body = { name: 'X', prices: [{ amount: 1, currency: 'usd', interval: 'month' }] };
    expectError(await api('POST', '/v1/products', { key: server.publishableKey, body }), 403, 'permission_error');
    const { sessionToken } = await mintToken(api, sk, 'user_products', ['manage_subscription']);
    expectError(await api('POST', '/v1/products', { key: sessionToken, body }), 403, 'permission_error');
  });

  test.each([
    [{ name: 'X', prices: [] }, 'prices'],
    [{ name: 'X' }, 'prices'],
    [{ name: 'X', prices: [{ amount: -1, currency: 'usd', interval: 'month' }] }, 'prices.0.amount'],
    [{ name: 'X', prices: [{ amount: 1, currency: 'USD', interval: 'month' }] }, 'prices.0.currency'],
    [{ name: 'X', prices: [{ amount: 1, currency: 'usd', interval: 'fortnight' }] }, 'prices.0.interval'],
    [{ name: 'X', featureKeys: ['Bad Key'], prices: [{ amount: 1, currency: 'usd', interval: 'month' }] }, 'featureKeys.0'],
    [{ name: 'X', prices: [{ amount: 1, currency: 'usd', interval: 'month', extra: 1 }] }, 'prices.0.extra'],
  ])('400 for %j (param %s)', async (body, param) => {
    expect(expectError(await api('POST', '/v1/products', { key: sk, body }), 400, 'invalid_request_error').param).toBe(param);
  });

  test('404 for an unknown product, and for a test product read with the live key', async () => {
    const product = await createPlan(api, sk, 'Test-only', []);
    expectError(await api('GET', '/v1/products/prod_nope', { key: sk }), 404, 'not_found_error', 'resource_missing');
    expectError(await api('GET', `/v1/products/${product.id}`, { key: server.liveSecretKey }), 404, 'not_found_error');
  });
});

describe('subscriptions', () => {
  test('create, retrieve, list by customer, plan change, cancel at period end, cancel now', async () => {
    const basic = await createPlan(api, sk, 'Basic', ['reports']);
    const pro = await createPlan(api, sk, 'Pro+', ['reports', 'exports']);
    const customer = await customerWithCard('user_sub_lifecycle');

    const created = await api('POST', '/v1/subscriptions', { key: sk, body: { customerId: customer.id, priceId: basic.prices[0]!.id } });
    expect(created.status).toBe(201);
    const sub = created.body;
    expect(sub).toMatchObject({ object: 'subscription', customerId: customer.id, productId: basic.id, status: 'active', cancelAtPeriodEnd: false, canceledAt: null });
    const start = new Date(sub.currentPeriodStart);
    const end = new Date(sub.currentPeriodEnd);
    expect(end.getUTCMonth()).toBe((start.getUTCMonth() + 1) % 12);
    // It started active because its first invoice was paid with the card on file.
    const invoices = await api('GET', `/v1/invoices?subscriptionId=${sub.id}`, { key: sk });
    expect(invoices.body.data).toEqual([expect.objectContaining({ status: 'paid', billingReason: 'subscription_create', amountPaid: 1000 })]);

    expect((await api('GET', `/v1/subscriptions/${sub.id}`, { key: sk })).body).toEqual(sub);
    const listed = await api('GET', `/v1/subscriptions?customerId=${customer.id}`, { key: sk });
    expect(listed.body.data.map((item: { id: string }) => item.id)).toEqual([sub.id]);

    const changed = await api('PATCH', `/v1/subscriptions/${sub.id}`, { key: sk, body: { priceId: pro.prices[1]!.id } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ productId: pro.id, price: { id: pro.prices[1]!.id, interval: 'year' } });
    const entitlements = await api('GET', `/v1/customers/${customer.id}/entitlements`, { key: sk });
    expect(entitlements.body.data.map((item: { featureKey: string }) => item.featureKey).sort()).toEqual(['exports', 'reports']);

    const atEnd = await api('POST', `/v1/subscriptions/${sub.id}/cancel`, { key: sk, body: { atPeriodEnd: true } });
    expect(atEnd.status).toBe(200);
    expect(atEnd.body).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    const resumed = await api('PATCH', `/v1/subscriptions/${sub.id}`, { key: sk, body: { cancelAtPeriodEnd: false } });
    expect(resumed.body.cancelAtPeriodEnd).toBe(false);

    const now = await api('POST', `/v1/subscriptions/${sub.id}/cancel`, { key: sk });
    expect(now.body).toMatchObject({ status: 'canceled', canceledAt: expect.any(String) });
    expect((await api('GET', `/v1/customers/${customer.id}/entitlements`, { key: sk })).body.data).toEqual([]);
    expectError(await api('POST', `/v1/subscriptions/${sub.id}/cancel`, { key: sk }), 400, 'invalid_request_error', 'subscription_canceled');
    expectError(await api('PATCH', `/v1/subscriptions/${sub.id}`, { key: sk, body: { priceId: basic.prices[0]!.id } }), 400, 'invalid_request_error', 'subscription_canceled');
    const canceled = await api('GET', `/v1/subscriptions?customerId=${customer.id}&status=canceled`, { key: sk });
    expect(canceled.body.data).toHaveLength(1);
  });

  test('a price with trial days starts trialing, and trialing grants entitlements', async () => {
    const plan = await createPlan(api, sk, 'Trial', ['beta'], 14);
    const customer = await createCustomer(api, sk, 'user_trial');
    const sub = (await api('POST', '/v1/subscriptions', { key: sk, body: { customerId: customer.id, priceId: plan.prices[0]!.id } })).body;
    expect(sub.status).toBe('trialing');
    expect(new Date(sub.trialEnd).getTime() - new Date(sub.currentPeriodStart).getTime()).toBe(14 * 86_400_000);
    const entitlements = await api('GET', `/v1/customers/${customer.id}/entitlements`, { key: sk });
    expect(entitlements.body).toEqual({ object: 'list', data: [{ object: 'entitlement', featureKey: 'beta', type: 'boolean', limit: null, usage: null, balance: null, resetsAt: null, productId: plan.id, subscriptionId: sub.id }], hasMore: false, nextCursor: null });
  });

  test('404 for unknown customer, price and subscription, with param naming the field', async () => {
    const plan = await createPlan(api, sk, 'Any', []);
    const customer = await createCustomer(api, sk, 'user_404');
    expect(expectError(await api('POST', '/v1/subscriptions', { key: sk, body: { customerId: 'cus_nope', priceId: plan.prices[0]!.id } }), 404, 'not_found_error').param).toBe('customerId');
    expect(expectError(await api('POST', '/v1/subscriptions', { key: sk, body: { customerId: customer.id, priceId: 'price_nope' } }), 404, 'not_found_error').param).toBe('priceId');
    expectError(await api('GET', '/v1/subscriptions/sub_nope', { key: sk }), 404, 'not_found_error');
    expectError(await api('PATCH', '/v1/subscriptions/sub_nope', { key: sk, body: {} }), 404, 'not_found_error');
    expectError(await api('POST', '/v1/subscriptions/sub_nope/cancel', { key: sk }), 404, 'not_found_error');
    expectError(await api('GET', '/v1/customers/cus_nope/entitlements', { key: sk }), 404, 'not_found_error');
  });

  test.each([
    ['POST', '/v1/subscriptions', { customerId: 'cus_1' }, 'priceId'],
    ['POST', '/v1/subscriptions', { customerId: 'cus_1', priceId: 'p', trialDays: 'ten' }, 'trialDays'],
    ['PATCH', '/v1/subscriptions/sub_1', { cancelAtPeriodEnd: 'yes' }, 'cancelAtPeriodEnd'],
    ['POST', '/v1/subscriptions/sub_1/cancel', { atPeriodEnd: 1 }, 'atPeriodEnd'],
    ['POST', '/v1/subscriptions/sub_1/cancel', { when: 'now' }, 'when'],
  ])('%s %s with %j is a 400 on %s', async (method, path, body, param) => {
    expect(expectError(await api(method, path, { key: sk, body }), 400, 'invalid_request_error').param).toBe(param);
  });

  test('test and live never mix: a live key cannot subscribe a test customer or use a test price', async () => {
    const plan = await createPlan(api, sk, 'Mode', []);
    const customer = await createCustomer(api, sk, 'user_mode');
    const live = server.liveSecretKey;
    expectError(await api('POST', '/v1/subscriptions', { key: live, body: { customerId: customer.id, priceId: plan.prices[0]!.id } }), 404, 'not_found_error');
    const liveCustomer = await createCustomer(api, live, 'user_mode');
    expect((await api('POST', '/v1/subscriptions', { key: live, body: { customerId: liveCustomer.id, priceId: plan.prices[0]!.id } })).body.error.param).toBe('priceId');
    const sub = (await api('POST', '/v1/subscriptions', { key: sk, body: { customerId: customer.id, priceId: plan.prices[0]!.id } })).body;
    expectError(await api('GET', `/v1/subscriptions/${sub.id}`, { key: live }), 404, 'not_found_error');
    expectError(await api('POST', `/v1/subscriptions/${sub.id}/cancel`, { key: live }), 404, 'not_found_error');
    expect((await api('GET', '/v1/subscriptions', { key: live })).body.data).toEqual([]);
  });

  test('list query parameters are validated', async () => {
    expect(expectError(await api('GET', '/v1/subscriptions?status=paused', { key: sk }), 400, 'invalid_request_error').param).toBe('status');
    expect(expectError(await api('GET', '/v1/subscriptions?limit=0', { key: sk }), 400, 'invalid_request_error').param).toBe('limit');
    expect(expectError(await api('GET', '/v1/subscriptions?limit=101', { key: sk }), 400, 'invalid_request_error').param).toBe('limit');
    expect(expectError(await api('GET', '/v1/subscriptions?sort=asc', { key: sk }), 400, 'invalid_request_error', 'unknown_parameter').param).toBe('sort');
  });
});

describe('/v1/me subscriptions and entitlements', () => {
  test('a token with manage_subscription subscribes, changes plan and cancels its own subscription', async () => {
    const plan = await createPlan(api, sk, 'Self-serve', ['self']);
    const other = await createPlan(api, sk, 'Self-serve Plus', ['self', 'plus']);
    const { sessionToken, customerId } = await mintToken(api, sk, 'user_me_manage', ['read_subscription', 'read_entitlements', 'manage_subscription']);
    await attachCard(api, sk, customerId);

    const created = await api('POST', '/v1/me/subscriptions', { key: sessionToken, body: { priceId: plan.prices[0]!.id } });
    expect(created.status).toBe(201);
    const listed = await api('GET', '/v1/me/subscriptions', { key: sessionToken });
    expect(listed.body.data.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
    expect((await api('GET', `/v1/me/subscriptions/${created.body.id}`, { key: sessionToken })).body.id).toBe(created.body.id);

    const changed = await api('PATCH', `/v1/me/subscriptions/${created.body.id}`, { key: sessionToken, body: { priceId: other.prices[0]!.id } });
    expect(changed.body.productId).toBe(other.id);
    const entitlements = await api('GET', '/v1/me/entitlements', { key: sessionToken });
    expect(entitlements.body.data.map((item: { featureKey: string }) => item.featureKey).sort()).toEqual(['plus', 'self']);

    const canceled = await api('POST', `/v1/me/subscriptions/${created.body.id}/cancel`, { key: sessionToken, body: { atPeriodEnd: true } });
    expect(canceled.body.cancelAtPeriodEnd).toBe(true);
  });

  test('default (read-only) tokens get 403 on writes; publishable keys too', async () => {
    const plan = await createPlan(api, sk, 'RO', []);
    const { sessionToken } = await mintToken(api, sk, 'user_me_ro');
    const error = expectError(await api('POST', '/v1/me/subscriptions', { key: sessionToken, body: { priceId: plan.prices[0]!.id } }), 403, 'permission_error', 'operation_not_allowed');
    expect(error.message).toContain('manage_subscription');
    expectError(
      await api('POST', '/v1/me/subscriptions', { key: server.publishableKey, headers: { 'BillingOS-Customer': 'user_me_ro' }, body: { priceId: plan.prices[0]!.id } }),
      403,
      'permission_error',
    );
    expect((await api('GET', '/v1/me/subscriptions', { key: sessionToken })).body.data).toEqual([]);
  });

  test("a customer cannot see or touch another customer's subscription", async () => {
    const plan = await createPlan(api, sk, 'Private', []);
    const victim = await customerWithCard('user_victim');
    const sub = (await api('POST', '/v1/subscriptions', { key: sk, body: { customerId: victim.id, priceId: plan.prices[0]!.id } })).body;
    const { sessionToken } = await mintToken(api, sk, 'user_attacker', ['read_subscription', 'manage_subscription']);
    expectError(await api('GET', `/v1/me/subscriptions/${sub.id}`, { key: sessionToken }), 404, 'not_found_error');
    expectError(await api('POST', `/v1/me/subscriptions/${sub.id}/cancel`, { key: sessionToken }), 404, 'not_found_error');
    expect((await api('GET', `/v1/subscriptions/${sub.id}`, { key: sk })).body.status).toBe('active');
  });

  test('the legacy publishable view reads subscriptions and entitlements of the named customer', async () => {
    const plan = await createPlan(api, sk, 'Legacy', ['legacy']);
    const customer = await customerWithCard('user_legacy');
    const sub = (await api('POST', '/v1/subscriptions', { key: sk, body: { customerId: customer.id, priceId: plan.prices[0]!.id } })).body;
    const headers = { 'BillingOS-Customer': 'user_legacy' };
    const subs = await api('GET', '/v1/me/subscriptions', { key: server.publishableKey, headers });
    expect(subs.body.data.map((item: { id: string }) => item.id)).toEqual([sub.id]);
    const entitlements = await api('GET', '/v1/me/entitlements', { key: server.publishableKey, headers });
    expect(entitlements.body.data.map((item: { featureKey: string }) => item.featureKey)).toEqual(['legacy']);
    expectError(await api('POST', `/v1/me/subscriptions/${sub.id}/cancel`, { key: server.publishableKey, headers }), 403, 'permission_error');
  });

  test('a token whose customer was deleted gets a 404 on /v1/me', async () => {
    const { sessionToken, customerId } = await mintToken(api, sk, 'user_deleted');
    await api('DELETE', `/v1/customers/${customerId}`, { key: sk });
    expectError(await api('GET', '/v1/me', { key: sessionToken }), 404, 'not_found_error');
  });

  test('a token without read_entitlements gets 403 on /v1/me/entitlements', async () => {
    const { sessionToken } = await mintToken(api, sk, 'user_me_noent', ['read_customer']);
    expectError(await api('GET', '/v1/me/entitlements', { key: sessionToken }), 403, 'permission_error', 'operation_not_allowed');
    expectError(await api('GET', '/v1/me/subscriptions', { key: sessionToken }), 403, 'permission_error', 'operation_not_allowed');
  });
});
