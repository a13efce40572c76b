import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { client, expectError } from './support/http';
import { mintToken } from './support/fixtures';
import { postgresUrl } from './support/postgres-url';

const keys = generateMerchantKeys();
const sk = keys.secretKey;
let api: ReturnType<typeof client>;
let prices: { free: string; pro: string; trial: string };

const START = '2027-01-15T10:00:00.000Z';
const pgUrl = postgresUrl();
/** PGlite runs one statement at a time; only PostgreSQL really races the concurrent subscribes. */
const storages = [{ name: 'PGlite', url: undefined }, ...(pgUrl ? [{ name: 'PostgreSQL', url: pgUrl }] : [])];

describe.each(storages)('POST /v1/me/subscriptions takes the money a paid price costs, on $name', ({ url }) => {
  let running: ApiServer;
  let scratch: ScratchDatabase | undefined;
  beforeAll(async () => {
    scratch = url ? await createScratchDatabase(url) : undefined;
    running = await startApiServer({
      port: 0,
      keys,
      ...(scratch ? { databaseUrl: scratch.url } : {}),
    });
    api = client(running.url);
    const free = await api('POST', '/v1/products', {
      key: sk,
      body: {
        name: 'Free',
        featureKeys: ['basic'],
        prices: [{ amount: 0, currency: 'usd', interval: 'month' }],
      },
    });
    const pro = await api('POST', '/v1/products', {
      key: sk,
      body: {
        name: 'Pro',
        featureKeys: ['pro'],
        prices: [
          { amount: 2500, currency: 'usd', interval: 'month' },
          { amount: 2500, currency: 'usd', interval: 'month', trialDays: 7 },
        ],
      },
    });
    prices = {
      free: free.body.prices[0].id,
      pro: pro.body.prices[0].id,
      trial: pro.body.prices[1].id,
    };
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await scratch?.drop();
  });

  /** A signed-in customer with `manage_subscription`, and (optionally) a card on file. */
  async function buyer(externalUserId: string, paymentMethodId?: string) {
    const { sessionToken, customerId } = await mintToken(api, sk, externalUserId, [
      'read_customer',
      'read_subscription',
      'read_entitlements',
      'manage_subscription',
    ]);
    if (paymentMethodId) {
      const attached = await api('POST', `/v1/customers/${customerId}/payment-methods`, { key: sk, body: { paymentMethodId } });
      expect(attached.status).toBe(201);
    }
    const subscribe = (priceId: string) =>
      api('POST', '/v1/me/subscriptions', {
        key: sessionToken,
        body: { priceId },
      });
    return { sessionToken, customerId, subscribe };
  }

  const subscriptionsOf = async (customerId: string) =>
    (
      await api('GET', `/v1/subscriptions?customerId=${customerId}`, {
        key: sk,
      })
    ).body.data as Array<{
      id: string;
      status: string;
      price: { id: string };
    }>;
  const invoicesOf = async (customerId: string) =>
    (await api('GET', `/v1/invoices?customerId=${customerId}`, { key: sk })).body.data as Array<Record<string, unknown>>;
  const featuresOf = async (sessionToken: string) =>
    ((await api('GET', '/v1/me/entitlements', { key: sessionToken })).body.data as Array<{ featureKey: string }>).map((entitlement) => entitlement.featureKey);

  test('no card on file: 402 payment_method_required, and nothing is created or granted', async () => {
    const { sessionToken, customerId, subscribe } = await buyer('ss_no_card');
    const refused = await subscribe(prices.pro);
    expectError(refused, 402, 'payment_error', 'payment_method_required');
    expect(refused.body.error).toMatchObject({
      param: 'priceId',
      message: expect.stringContaining('POST /v1/me/checkout-sessions'),
    });
    expect(await subscriptionsOf(customerId)).toEqual([]);
    expect(await invoicesOf(customerId)).toEqual([]);
    expect(await featuresOf(sessionToken)).not.toContain('pro');
  });

  test('the card on file is charged once: an active subscription with its paid first invoice, and the features', async () => {
    const { sessionToken, customerId, subscribe } = await buyer('ss_visa', 'pm_card_visa');
    const created = await subscribe(prices.pro);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: 'subscription',
      status: 'active',
      customerId,
      price: { id: prices.pro },
    });
    expect(await invoicesOf(customerId)).toEqual([
      expect.objectContaining({
        subscriptionId: created.body.id,
        status: 'paid',
        billingReason: 'subscription_create',
        total: 2500,
        amountPaid: 2500,
        attemptCount: 1,
      }),
    ]);
    expect(await featuresOf(sessionToken)).toContain('pro');
    expectError(await subscribe(prices.pro), 400, 'invalid_request_error', 'subscription_exists');
    expect(await invoicesOf(customerId)).toHaveLength(1);
  });

  test.each([
    ['pm_card_chargeDeclined', 'payment_failed'],
    ['pm_card_insufficientFunds', 'payment_failed'],
  ])('a refused card on file (%s): 402 %s, nothing is created, and another card then works', async (declining, code) => {
    const { customerId, subscribe } = await buyer(`ss_${declining}`, declining);
    const refused = await subscribe(prices.pro);
    expectError(refused, 402, 'payment_error', code);
    expect(refused.body.error.message).toMatch(/Nothing was charged or changed/);
    expect(await subscriptionsOf(customerId)).toEqual([]);
    expect(await invoicesOf(customerId)).toEqual([]);

    await api('POST', `/v1/customers/${customerId}/payment-methods`, {
      key: sk,
      body: { paymentMethodId: 'pm_card_visa' },
    });
    const methods = (
      await api('GET', `/v1/customers/${customerId}/payment-methods`, {
        key: sk,
      })
    ).body.data as Array<{ id: string; card: { last4: string } }>;
    await api('POST', `/v1/payment-methods/${methods.find((method) => method.card.last4 === '4242')!.id}/default`, { key: sk });
    expect((await subscribe(prices.pro)).body).toMatchObject({
      status: 'active',
    });
    expect((await invoicesOf(customerId)).map((invoice) => invoice.status)).toEqual(['paid']);
  });

  test('two subscribes at once with the card on file: one subscription, one charge', async () => {
    const { customerId, subscribe } = await buyer('ss_race', 'pm_card_visa');
    const answers = await Promise.all([subscribe(prices.pro), subscribe(prices.pro), subscribe(prices.pro)]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    for (const answer of answers.filter((one) => one.status !== 201)) expect(['subscription_exists', 'payment_in_progress']).toContain(answer.body.error.code);
    expect(await subscriptionsOf(customerId)).toHaveLength(1);
    expect(await invoicesOf(customerId)).toHaveLength(1);
  });

  test('a free price subscribes at once; a free plan becomes paid only by paying, which replaces it', async () => {
    const { customerId, sessionToken, subscribe } = await buyer('ss_free');
    const free = await subscribe(prices.free);
    expect(free.body).toMatchObject({
      status: 'active',
      price: { id: prices.free },
    });

    const patched = await api('PATCH', `/v1/me/subscriptions/${free.body.id}`, { key: sessionToken, body: { priceId: prices.pro } });
    expectError(patched, 402, 'payment_error', 'payment_required');
    expect((await subscriptionsOf(customerId)).map((subscription) => subscription.price.id)).toEqual([prices.free]);
    expectError(await subscribe(prices.pro), 402, 'payment_error', 'payment_method_required');
    expect((await subscriptionsOf(customerId)).map((subscription) => [subscription.price.id, subscription.status])).toEqual([[prices.free, 'active']]);

    await api('POST', `/v1/customers/${customerId}/payment-methods`, {
      key: sk,
      body: { paymentMethodId: 'pm_card_visa' },
    });
    const paid = await subscribe(prices.pro);
    expect(paid.body).toMatchObject({
      status: 'active',
      price: { id: prices.pro },
    });
    const byId = new Map((await subscriptionsOf(customerId)).map((subscription) => [subscription.id, subscription.status]));
    expect(Object.fromEntries(byId)).toEqual({
      [free.body.id]: 'canceled',
      [paid.body.id]: 'active',
    });
    const events = (await api('GET', '/v1/events?limit=100', { key: sk })).body.data as Array<{ type: string; data: { id: string } }>;
    expect(events.filter((event) => event.data.id === free.body.id).map((event) => event.type)).toEqual(['subscription.canceled', 'subscription.created']);
  });

  test('a trial needs no card; at its end the first invoice is charged, or stays open with the subscription past_due', async () => {
    const clock = await api('POST', '/v1/test-clocks', {
      key: sk,
      body: { frozenTime: START },
    });
    const withCard = await api('POST', '/v1/customers', {
      key: sk,
      body: { externalUserId: 'ss_trial_card', testClockId: clock.body.id },
    });
    const without = await api('POST', '/v1/customers', {
      key: sk,
      body: { externalUserId: 'ss_trial_none', testClockId: clock.body.id },
    });
    const paying = await buyer('ss_trial_card', 'pm_card_visa');
    const notPaying = await buyer('ss_trial_none');
    expect((await paying.subscribe(prices.trial)).body).toMatchObject({
      status: 'trialing',
    });
    const unpaid = await notPaying.subscribe(prices.trial);
    expect(unpaid.body).toMatchObject({
      status: 'trialing',
      trialEnd: '2027-01-22T10:00:00.000Z',
    });
    expect(await featuresOf(notPaying.sessionToken)).toContain('pro');

    const advanced = await api('POST', `/v1/test-clocks/${clock.body.id}/advance`, { key: sk, body: { frozenTime: '2027-01-23T10:00:00.000Z' } });
    expect(advanced.body).toMatchObject({ status: 'ready' });
    expect((await invoicesOf(withCard.body.id)).find((invoice) => invoice.billingReason !== 'subscription_create')).toMatchObject({
      status: 'paid',
      amountPaid: 2500,
    });
    expect((await invoicesOf(without.body.id)).find((invoice) => invoice.billingReason !== 'subscription_create')).toMatchObject({
      status: 'open',
      amountDue: 2500,
    });
    expect((await subscriptionsOf(without.body.id))[0]).toMatchObject({
      id: unpaid.body.id,
      status: 'past_due',
    });
    expect(await featuresOf(notPaying.sessionToken)).toContain('pro');
  });
});
