import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS, ExponentialBackoffRetryPolicy, InvalidRequestError, NotFoundError } from '@billingos/node';
import type { Customer, Product } from '@billingos/node';
import { FaultProxy } from '../utils/fault-proxy';

let server: TestServer;
let proxy: FaultProxy;
let billing: BillingOS;
let flaky: BillingOS;
let pro: Product;
let team: Product;
let customer: Customer;

beforeAll(async () => {
  server = await startTestServer();
  proxy = await FaultProxy.start(server.url);
  billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url });
  flaky = new BillingOS({
    secretKey: server.secretKey,
    apiUrl: proxy.url,
    timeout: 1_000,
    retryPolicy: new ExponentialBackoffRetryPolicy({ initialDelayMs: 20 }),
  });
  pro = await billing.products.create({
    name: 'Pro',
    featureKeys: ['exports', 'api'],
    prices: [
      { amount: 2_000, currency: 'usd', interval: 'month' },
      { amount: 20_000, currency: 'usd', interval: 'year' },
    ],
  });
  team = await billing.products.create({ name: 'Team', featureKeys: ['seats'], prices: [{ amount: 5_000, currency: 'usd', interval: 'month', trialDays: 14 }] });
  customer = await customerWithCard('user_billing');
});
afterEach(() => proxy.reset());

/**
 * A customer with a test card as its default method: the secret key's subscribe to a paid price
 * without a trial charges it first, so the subscription starts active (without one: incomplete).
 */
async function customerWithCard(externalUserId: string): Promise<Customer> {
  const created = await billing.customers.create({ externalUserId });
  await billing.paymentMethods.attach(created.id, { paymentMethodId: 'pm_card_visa' });
  return created;
}
afterAll(async () => {
  await proxy.close();
  await server.close();
});

test('products: create, retrieve, list with for await and the active filter', async () => {
  expect(pro).toMatchObject({ object: 'product', name: 'Pro', featureKeys: ['exports', 'api'], active: true, livemode: false });
  expect(pro.prices.map((price) => [price.amount, price.interval, price.intervalCount])).toEqual([
    [2_000, 'month', 1],
    [20_000, 'year', 1],
  ]);
  expect(await billing.products.retrieve(pro.id)).toEqual(pro);
  const names: string[] = [];
  for await (const product of billing.products.list({ limit: 1, active: true })) names.push(product.name);
  expect(names.sort()).toEqual(['Pro', 'Team']);
  await expect(billing.products.create({ name: 'Free', prices: [] })).rejects.toMatchObject({ name: 'InvalidRequestError', param: expect.stringContaining('prices') });
});

test('subscriptions: create, retrieve, list, change plan, cancel at period end, cancel now', async () => {
  const monthly = pro.prices[0]!;
  const yearly = pro.prices[1]!;
  const subscription = await billing.subscriptions.create({ customerId: customer.id, priceId: monthly.id, metadata: { seats: '3' } });
  expect(subscription).toMatchObject({ object: 'subscription', status: 'active', customerId: customer.id, productId: pro.id, price: { id: monthly.id } });
  expect(await billing.subscriptions.retrieve(subscription.id)).toEqual(subscription);

  const changed = await billing.subscriptions.changePlan(subscription.id, yearly.id);
  expect(changed.price.id).toBe(yearly.id);
  const updated = await billing.subscriptions.update(subscription.id, { metadata: { seats: '5' } });
  expect(updated.metadata).toEqual({ seats: '5' });

  const scheduled = await billing.subscriptions.cancel(subscription.id, { atPeriodEnd: true });
  expect(scheduled).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
  const ended = await billing.subscriptions.cancel(subscription.id);
  expect(ended.status).toBe('canceled');
  expect(ended.canceledAt).toEqual(expect.any(String));

  const listed = [];
  for await (const item of billing.subscriptions.list({ customerId: customer.id, limit: 1 })) listed.push(item.id);
  expect(listed).toContain(subscription.id);
  const canceled = await billing.subscriptions.list({ customerId: customer.id, status: 'canceled' });
  expect(canceled.data.map((item) => item.id)).toEqual([subscription.id]);
});

test('entitlements: the features of active and trialing subscriptions; has()', async () => {
  const owner = await customerWithCard('user_entitled');
  expect((await billing.entitlements.list(owner.id)).data).toEqual([]);
  await billing.subscriptions.create({ customerId: owner.id, priceId: team.prices[0]!.id });
  await billing.subscriptions.create({ customerId: owner.id, priceId: pro.prices[0]!.id });
  const keys: string[] = [];
  for await (const entitlement of billing.entitlements.list(owner.id)) keys.push(entitlement.featureKey);
  expect(keys.sort()).toEqual(['api', 'exports', 'seats']);
  expect(await billing.entitlements.has(owner.id, 'seats')).toBe(true);
  expect(await billing.entitlements.has(owner.id, 'sso')).toBe(false);
  await expect(billing.entitlements.list('cus_missing')).rejects.toBeInstanceOf(NotFoundError);
});

test('a subscription create whose response is lost is retried with its key: exactly one subscription', async () => {
  const buyer = await customerWithCard('user_lost_response');
  proxy.inject({ kind: 'drop-after-upstream' }, { kind: 'stall-after-upstream' });
  const subscription = await flaky.subscriptions.create({ customerId: buyer.id, priceId: pro.prices[0]!.id });
  expect(proxy.requests.map((r) => [r.fault, r.upstreamStatus])).toEqual([
    ['drop-after-upstream', 201],
    ['stall-after-upstream', 201],
    ['pass', 201],
  ]);
  expect(new Set(proxy.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  const all = await billing.subscriptions.list({ customerId: buyer.id });
  expect(all.data.map((item) => item.id)).toEqual([subscription.id]);
  expect(subscription.status).toBe('active');
  const invoices = await billing.invoices.list({ customerId: buyer.id });
  expect(invoices.data.map((invoice) => [invoice.subscriptionId, invoice.status, invoice.billingReason, invoice.amountPaid])).toEqual([
    [subscription.id, 'paid', 'subscription_create', 2_000],
  ]);
});

test('a cancel whose response is lost ends in one cancellation and the right result', async () => {
  const buyer = await customerWithCard('user_lost_cancel');
  const subscription = await billing.subscriptions.create({ customerId: buyer.id, priceId: pro.prices[0]!.id });
  proxy.inject({ kind: 'drop-after-upstream' });
  const canceled = await flaky.subscriptions.cancel(subscription.id);
  expect(canceled.status).toBe('canceled');
  expect(proxy.requests).toHaveLength(2);
  expect(proxy.requests[1]!.headers['idempotency-key']).toBe(proxy.requests[0]!.headers['idempotency-key']);
});

test('a subscription to an unknown price is an InvalidRequestError or NotFoundError naming it', async () => {
  const error = await billing.subscriptions.create({ customerId: customer.id, priceId: 'price_missing' }).catch((e: unknown) => e);
  expect(error instanceof InvalidRequestError || error instanceof NotFoundError).toBe(true);
  expect(error).toMatchObject({ param: 'priceId' });
});
