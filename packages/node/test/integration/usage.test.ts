import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS, InvalidRequestError } from '@billingos/node';
import type { BillingOSEvent, Customer, Product, Subscription } from '@billingos/node';
import { startRecordingReceiver } from '../utils/recording-receiver';
import type { RecordingReceiver } from '../utils/recording-receiver';

let server: TestServer;
let receiver: RecordingReceiver;
let billing: BillingOS;
let plan: Product;

const T0 = new Date('2026-01-01T00:00:00Z');

beforeAll(async () => {
  receiver = await startRecordingReceiver();
  server = await startTestServer({ webhookEndpoint: receiver.url });
  billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url, webhookSecret: server.webhookSecret });
  plan = await billing.products.create({
    name: 'Metered',
    featureKeys: ['exports'],
    features: [
      { key: 'api_calls', type: 'metered', limit: 3, reset: 'period' },
      { key: 'storage', type: 'metered', limit: null, reset: 'never' },
      { key: 'seats', type: 'metered', limit: 5 },
    ],
    prices: [{ amount: 1_000, currency: 'usd', interval: 'month' }],
  });
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

/**
 * A customer on a fresh clock at T0, subscribed to the metered plan: a test card first, so the
 * subscribe charges it and the subscription starts active with its features (and renews paid).
 */
async function subscriber(name: string): Promise<{ clockId: string; customer: Customer; subscription: Subscription }> {
  const clock = await billing.testClocks.create({ frozenTime: T0, name });
  const customer = await billing.customers.create({ externalUserId: `user_${name}`, testClockId: clock.id });
  await billing.paymentMethods.attach(customer.id, { paymentMethodId: 'pm_card_visa' });
  const subscription = await billing.subscriptions.create({ customerId: customer.id, priceId: plan.prices[0]!.id });
  return { clockId: clock.id, customer, subscription };
}

async function eventsUntil(done: (events: BillingOSEvent[]) => boolean, timeoutMs = 15_000): Promise<BillingOSEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = receiver.deliveries.map(({ raw, headers }) => billing.webhooks.constructEvent(raw, headers));
    if (done(events) || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('a product declares boolean and metered features; featureKeys stays the shorthand', () => {
  expect(plan.features).toEqual([
    { key: 'exports', type: 'boolean' },
    { key: 'api_calls', type: 'metered', limit: 3, reset: 'period' },
    { key: 'storage', type: 'metered', limit: null, reset: 'never' },
    { key: 'seats', type: 'metered', limit: 5, reset: 'period' },
  ]);
  expect(plan.featureKeys).toEqual(['exports', 'api_calls', 'storage', 'seats']);
});

test('entitlements carry type, limit, usage, balance and resetsAt', async () => {
  const { customer, subscription } = await subscriber('shape');
  const entitlements = await billing.entitlements.list(customer.id).toArray();
  const byKey = Object.fromEntries(entitlements.map((entitlement) => [entitlement.featureKey, entitlement]));
  const granted = { object: 'entitlement', productId: plan.id, subscriptionId: subscription.id };
  expect(byKey).toEqual({
    exports: { ...granted, featureKey: 'exports', type: 'boolean', limit: null, usage: null, balance: null, resetsAt: null },
    api_calls: { ...granted, featureKey: 'api_calls', type: 'metered', limit: 3, usage: 0, balance: 3, resetsAt: '2026-02-01T00:00:00.000Z' },
    storage: { ...granted, featureKey: 'storage', type: 'metered', limit: null, usage: 0, balance: null, resetsAt: null },
    seats: { ...granted, featureKey: 'seats', type: 'metered', limit: 5, usage: 0, balance: 5, resetsAt: '2026-02-01T00:00:00.000Z' },
  });
  expect(await billing.entitlements.has(customer.id, 'api_calls')).toBe(true);
});

test('check, check and track, record: the balance moves, and a check never goes past it', async () => {
  const { customer } = await subscriber('track');
  const byUser = { externalUserId: 'user_track', featureKey: 'api_calls' } as const;

  expect(await billing.entitlements.check({ customerId: customer.id, featureKey: 'api_calls' })).toEqual({
    allowed: true,
    featureKey: 'api_calls',
    limit: 3,
    usage: 0,
    balance: 3,
    resetsAt: '2026-02-01T00:00:00.000Z',
  });
  expect(await billing.entitlements.check({ ...byUser, requiredBalance: 2, track: true })).toMatchObject({ allowed: true, usage: 2, balance: 1 });
  expect(await billing.entitlements.check({ ...byUser, requiredBalance: 2, track: true })).toMatchObject({ allowed: false, usage: 2, balance: 1 });

  const recorded = await billing.usage.record({ ...byUser, value: 2 });
  expect(recorded).toEqual({ object: 'usage', featureKey: 'api_calls', usage: 4, limit: 3, balance: -1 });
  expect(await billing.entitlements.check(byUser)).toMatchObject({ allowed: false, balance: -1 });

  expect(await billing.entitlements.check({ customerId: customer.id, featureKey: 'exports' })).toMatchObject({ allowed: true, limit: null, usage: null, balance: null });
  expect(await billing.entitlements.check({ customerId: customer.id, featureKey: 'storage', requiredBalance: 1_000_000, track: true })).toMatchObject({ allowed: true, limit: null, balance: null });
  expect(await billing.entitlements.check({ customerId: customer.id, featureKey: 'not_granted' })).toMatchObject({ allowed: false, featureKey: 'not_granted' });
});

test('a retried record or tracked check with the same Idempotency-Key counts once', async () => {
  const { customer } = await subscriber('idempotent');
  const call = { customerId: customer.id, featureKey: 'seats' };
  const first = await billing.usage.record({ ...call, value: 2 }, { idempotencyKey: 'seat-job-1' });
  expect(await billing.usage.record({ ...call, value: 2 }, { idempotencyKey: 'seat-job-1' })).toEqual(first);
  const tracked = await billing.entitlements.check({ ...call, track: true }, { idempotencyKey: 'seat-check-1' });
  expect(await billing.entitlements.check({ ...call, track: true }, { idempotencyKey: 'seat-check-1' })).toEqual(tracked);
  expect(await billing.entitlements.check(call)).toMatchObject({ usage: 3, balance: 2 });
});

test('concurrent tracked checks allow exactly the balance', async () => {
  const { customer } = await subscriber('concurrent');
  const results = await Promise.all(
    Array.from({ length: 10 }, () => billing.entitlements.check({ customerId: customer.id, featureKey: 'seats', track: true })),
  );
  expect(results.filter((result) => result.allowed)).toHaveLength(5);
  expect(await billing.entitlements.check({ customerId: customer.id, featureKey: 'seats' })).toMatchObject({ allowed: false, usage: 5, balance: 0 });
});

test('reaching the limit sends entitlement.limit_reached once; a new period starts usage at 0', async () => {
  const { clockId, customer, subscription } = await subscriber('limit');
  await billing.usage.record({ customerId: customer.id, featureKey: 'api_calls', value: 3 });
  await billing.usage.record({ customerId: customer.id, featureKey: 'api_calls' });

  const isLimit = (event: BillingOSEvent) => event.type === 'entitlement.limit_reached' && event.data.customerId === customer.id;
  await eventsUntil((events) => events.some(isLimit));
  const reached = (await eventsUntil(() => false, 500)).filter(isLimit);
  expect(reached).toEqual([
    expect.objectContaining({
      type: 'entitlement.limit_reached',
      livemode: false,
      data: {
        object: 'entitlement',
        customerId: customer.id,
        featureKey: 'api_calls',
        limit: 3,
        usage: 3,
        balance: 0,
        resetsAt: '2026-02-01T00:00:00.000Z',
        subscriptionId: subscription.id,
      },
    }),
  ]);

  await billing.testClocks.advance(clockId, { frozenTime: '2026-02-01T00:00:01Z' });
  expect(await billing.entitlements.check({ customerId: customer.id, featureKey: 'api_calls' })).toEqual({
    allowed: true,
    featureKey: 'api_calls',
    limit: 3,
    usage: 0,
    balance: 3,
    resetsAt: '2026-03-01T00:00:00.000Z',
  });
});

test('a bad call is a typed InvalidRequestError naming the field', async () => {
  await expect(billing.usage.record({ customerId: 'cus_missing', featureKey: 'api_calls', value: 0 })).rejects.toMatchObject({ name: 'InvalidRequestError', param: 'value' });
  const both = { customerId: 'cus_1', externalUserId: 'u', featureKey: 'api_calls' } as unknown as Parameters<BillingOS['usage']['record']>[0];
  await expect(billing.usage.record(both)).rejects.toBeInstanceOf(InvalidRequestError);
});
