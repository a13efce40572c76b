import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS, InvalidRequestError, NotFoundError } from '@billingos/node';
import type { BillingOSEvent, Product } from '@billingos/node';
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
    name: 'Clocked',
    featureKeys: ['reports'],
    prices: [
      { amount: 1_000, currency: 'usd', interval: 'month' },
      { amount: 10_000, currency: 'usd', interval: 'year' },
      { amount: 1_000, currency: 'usd', interval: 'month', trialDays: 14 },
    ],
  });
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

/** The verified events about one subscription, once `done` says they are all there. */
async function eventsOf(subscriptionId: string, done: (events: BillingOSEvent[]) => boolean, timeoutMs = 15_000): Promise<BillingOSEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = receiver.deliveries
      .map(({ raw, headers }) => billing.webhooks.constructEvent(raw, headers))
      .filter((event) => event.type.startsWith('subscription.') && (event.data as { id: string }).id === subscriptionId);
    if (done(events) || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A customer on a fresh clock at T0, with a test card as its default method: the secret key's
 * subscribe to a paid price charges it first, and each renewal or trial end charges it again.
 */
async function clockedCustomer(name: string) {
  const clock = await billing.testClocks.create({ frozenTime: T0, name });
  const customer = await billing.customers.create({ externalUserId: `user_${name}`, testClockId: clock.id });
  await billing.paymentMethods.attach(customer.id, { paymentMethodId: 'pm_card_visa' });
  return { clock, customer };
}

test('create, retrieve, list and delete a clock; its customer goes with it', async () => {
  const clock = await billing.testClocks.create({ frozenTime: T0, name: 'crud' });
  expect(clock).toEqual({
    id: expect.stringMatching(/^clock_/),
    object: 'test_clock',
    name: 'crud',
    frozenTime: T0.toISOString(),
    status: 'ready',
    livemode: false,
    createdAt: expect.any(String),
  });
  expect(await billing.testClocks.retrieve(clock.id)).toEqual(clock);

  const bySeconds = await billing.testClocks.create({ frozenTime: T0.getTime() / 1000 });
  const byString = await billing.testClocks.create({ frozenTime: '2026-01-01T01:00:00+01:00' });
  expect([bySeconds.frozenTime, byString.frozenTime, bySeconds.name]).toEqual([T0.toISOString(), T0.toISOString(), null]);

  const ids: string[] = [];
  for await (const listed of billing.testClocks.list({ limit: 1 })) ids.push(listed.id);
  expect(ids).toEqual(expect.arrayContaining([clock.id, bySeconds.id, byString.id]));

  const customer = await billing.customers.create({ externalUserId: 'user_crud', testClockId: clock.id });
  expect(customer.testClockId).toBe(clock.id);
  expect(await billing.testClocks.del(clock.id)).toEqual({ id: clock.id, object: 'test_clock', deleted: true });
  await expect(billing.testClocks.retrieve(clock.id)).rejects.toBeInstanceOf(NotFoundError);
  await expect(billing.customers.retrieve(customer.id)).rejects.toBeInstanceOf(NotFoundError);
});

test('advancing across three period ends renews three times, on the clock’s time', async () => {
  const { clock, customer } = await clockedCustomer('renewals');
  const subscription = await billing.subscriptions.create({ customerId: customer.id, priceId: plan.prices[0]!.id });
  expect(subscription).toMatchObject({
    testClockId: clock.id,
    scheduledChange: null,
    currentPeriodStart: T0.toISOString(),
    currentPeriodEnd: '2026-02-01T00:00:00.000Z',
  });

  const advanced = await billing.testClocks.advance(clock.id, { frozenTime: new Date('2026-04-15T00:00:00Z') });
  expect(advanced).toMatchObject({ id: clock.id, frozenTime: '2026-04-15T00:00:00.000Z', status: 'ready' });
  const [current] = (await billing.subscriptions.list({ customerId: customer.id })).data;
  expect(current).toMatchObject({ id: subscription.id, status: 'active', currentPeriodStart: '2026-04-01T00:00:00.000Z', currentPeriodEnd: '2026-05-01T00:00:00.000Z' });

  const renewed = (await eventsOf(subscription.id, (events) => events.filter((e) => e.type === 'subscription.renewed').length >= 3)).filter(
    (event) => event.type === 'subscription.renewed',
  );
  expect(renewed.map((event) => [event.createdAt, event.livemode, event.type === 'subscription.renewed' && event.data.currentPeriodStart])).toEqual([
    ['2026-02-01T00:00:00.000Z', false, '2026-02-01T00:00:00.000Z'],
    ['2026-03-01T00:00:00.000Z', false, '2026-03-01T00:00:00.000Z'],
    ['2026-04-01T00:00:00.000Z', false, '2026-04-01T00:00:00.000Z'],
  ]);
});

test('a trial ends on the clock: trial_will_end 3 days before, then updated with previousAttributes', async () => {
  const { clock, customer } = await clockedCustomer('trial');
  const subscription = await billing.subscriptions.create({ customerId: customer.id, priceId: plan.prices[2]!.id });
  expect(subscription).toMatchObject({ status: 'trialing', trialEnd: '2026-01-15T00:00:00.000Z' });

  await billing.testClocks.advance(clock.id, { frozenTime: '2026-01-16T00:00:00Z' });
  expect(await billing.subscriptions.retrieve(subscription.id)).toMatchObject({ status: 'active', currentPeriodStart: '2026-01-15T00:00:00.000Z' });

  const events = await eventsOf(subscription.id, (all) => all.some((e) => e.type === 'subscription.updated'));
  const willEnd = events.find((event) => event.type === 'subscription.trial_will_end');
  expect(willEnd?.createdAt).toBe('2026-01-12T00:00:00.000Z');
  const ended = events.find((event) => event.type === 'subscription.updated');
  expect(ended).toMatchObject({ createdAt: '2026-01-15T00:00:00.000Z', previousAttributes: { status: 'trialing' }, data: { status: 'active' } });
});

test('a plan change with effective: period_end waits for the period end; scheduledChange: null drops one', async () => {
  const { clock, customer } = await clockedCustomer('scheduled');
  const [monthly, yearly] = [plan.prices[0]!, plan.prices[1]!];
  const subscription = await billing.subscriptions.create({ customerId: customer.id, priceId: monthly.id });

  const scheduled = await billing.subscriptions.update(subscription.id, { priceId: yearly.id, effective: 'period_end' });
  expect(scheduled.price.id).toBe(monthly.id);
  expect(scheduled.scheduledChange).toEqual({ priceId: yearly.id, effectiveAt: '2026-02-01T00:00:00.000Z' });

  await billing.testClocks.advance(clock.id, { frozenTime: '2026-01-31T23:59:59Z' });
  expect((await billing.subscriptions.retrieve(subscription.id)).price.id).toBe(monthly.id);
  await billing.testClocks.advance(clock.id, { frozenTime: '2026-02-01T00:00:01Z' });
  const changed = await billing.subscriptions.retrieve(subscription.id);
  expect(changed).toMatchObject({ price: { id: yearly.id }, scheduledChange: null, currentPeriodStart: '2026-02-01T00:00:00.000Z', currentPeriodEnd: '2027-02-01T00:00:00.000Z' });

  const events = await eventsOf(subscription.id, (all) => all.some((e) => e.type === 'subscription.updated' && e.previousAttributes !== undefined));
  const applied = events.find((event) => event.type === 'subscription.updated' && event.previousAttributes?.price);
  expect(applied).toMatchObject({ createdAt: '2026-02-01T00:00:00.000Z', previousAttributes: { price: { id: monthly.id } }, data: { price: { id: yearly.id } } });

  await billing.subscriptions.update(subscription.id, { priceId: monthly.id, effective: 'period_end' });
  const dropped = await billing.subscriptions.update(subscription.id, { scheduledChange: null });
  expect(dropped).toMatchObject({ price: { id: yearly.id }, scheduledChange: null });
});

test('a clock moves forward only; a millisecond timestamp is refused before any request', async () => {
  const clock = await billing.testClocks.create({ frozenTime: T0 });
  await expect(billing.testClocks.advance(clock.id, { frozenTime: T0 })).rejects.toMatchObject({
    name: 'InvalidRequestError',
    code: 'clock_not_forward',
    param: 'frozenTime',
    statusCode: 400,
  });
  const error = await billing.testClocks.advance(clock.id, { frozenTime: Date.now() }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect(error).toMatchObject({ param: 'frozenTime', statusCode: undefined, message: expect.stringContaining('milliseconds') });
});

test('a live key gets a typed NotFoundError: test clocks exist only in test mode', async () => {
  const live = new BillingOS({ secretKey: server.liveSecretKey, apiUrl: server.url });
  await expect(live.testClocks.create({ frozenTime: T0 })).rejects.toMatchObject({ name: 'NotFoundError', code: 'test_mode_only', statusCode: 404 });
  await expect(live.testClocks.list()).rejects.toBeInstanceOf(NotFoundError);
  const clock = await billing.testClocks.create({ frozenTime: T0 });
  await expect(live.testClocks.retrieve(clock.id)).rejects.toBeInstanceOf(NotFoundError);
});
