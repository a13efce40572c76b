import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS, InvalidRequestError } from '@billingos/node';
import type { BillingStateParams, Product } from '@billingos/node';

let server: TestServer;
let billing: BillingOS;
let plan: Product;

beforeAll(async () => {
  server = await startTestServer();
  billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url });
  plan = await billing.products.create({
    name: 'Starter',
    featureKeys: ['exports'],
    features: [{ key: 'ai_credits', type: 'metered', limit: 20, reset: 'period' }],
    prices: [{ amount: 900, currency: 'usd', interval: 'month' }],
  });
});
afterAll(() => server.close());

/**
 * Subscribes the customer to the plan with the secret key, after saving a test card as its default
 * method: the subscribe charges it, so the subscription starts active with its features.
 */
async function subscribePaid(customerId: string) {
  await billing.paymentMethods.attach(customerId, { paymentMethodId: 'pm_card_visa' });
  return billing.subscriptions.create({ customerId, priceId: plan.prices[0]!.id });
}

/** What the browser SDK fetches with a session token, for comparison. */
async function asTheBrowserSees(sessionToken: string) {
  const get = async (path: string) => {
    const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${sessionToken}` } });
    expect(response.status).toBe(200);
    return response.json();
  };
  const [customer, subscriptions, entitlements, products] = await Promise.all([
    get('/v1/me'),
    get('/v1/me/subscriptions?limit=100'),
    get('/v1/me/entitlements'),
    get('/v1/products?limit=100'),
  ]);
  return { customer, subscriptions: subscriptions.data, entitlements: entitlements.data, products: products.data };
}

test('an unknown user: no customer, nothing granted, the products; and no customer is created', async () => {
  const state = await billing.getBillingState({ externalUserId: 'user_never_seen' });
  expect(state.customer).toBeNull();
  expect(state.subscriptions).toEqual([]);
  expect(state.entitlements).toEqual([]);
  expect(state.products.map((product) => product.id)).toContain(plan.id);
  expect((await billing.customers.list({ externalUserId: 'user_never_seen' })).data).toEqual([]);
});

test("a subscriber's state is what the session token's own views answer, usage included", async () => {
  const { sessionToken, customerId } = await billing.createSessionToken({ externalUserId: 'user_state' });
  const subscription = await subscribePaid(customerId);
  await billing.entitlements.check({ externalUserId: 'user_state', featureKey: 'ai_credits', requiredBalance: 3, track: true });

  const state = await billing.getBillingState({ externalUserId: 'user_state' });
  expect(state.customer?.id).toBe(customerId);
  expect(state.subscriptions.map((s) => s.id)).toEqual([subscription.id]);
  expect(state.entitlements.find((e) => e.featureKey === 'ai_credits')).toMatchObject({ type: 'metered', limit: 20, usage: 3, balance: 17 });
  expect(state).toEqual(await asTheBrowserSees(sessionToken));
});

test("an organization's state (B2B) is its own customer's", async () => {
  const { customerId } = await billing.createSessionToken({ externalUserId: 'member_1', externalOrganizationId: 'org_state' });
  await subscribePaid(customerId);
  const state = await billing.getBillingState({ externalOrganizationId: 'org_state' });
  expect(state.customer).toMatchObject({ id: customerId, externalOrganizationId: 'org_state', externalUserId: null });
  expect(state.subscriptions).toHaveLength(1);
  expect(state.entitlements.map((e) => e.featureKey).sort()).toEqual(['ai_credits', 'exports']);
});

test.each<[string, unknown]>([
  ['neither id', {}],
  ['an empty id', { externalUserId: '' }],
  ['both ids', { externalUserId: 'u', externalOrganizationId: 'o' }],
])('%s is refused before any request (it would read someone else)', async (_, params) => {
  await expect(billing.getBillingState(params as BillingStateParams)).rejects.toBeInstanceOf(InvalidRequestError);
});
