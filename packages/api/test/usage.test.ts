import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { client, expectError } from './support/http';
import { mintToken } from './support/fixtures';
import { createMeteredPlan, subscribedCustomer } from './support/usage-fixtures';

interface DeliveredEvent {
  id: string;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

const delivered: DeliveredEvent[] = [];
let receiver: Server;
let server: TestServer;
let api: ReturnType<typeof client>;
let sk: string;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      delivered.push(JSON.parse(body) as DeliveredEvent);
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  server = await startTestServer({ webhookEndpoint: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks` });
  api = client(server.url);
  sk = server.secretKey;
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => receiver.close(resolve));
});

/** Waits until `count` limit_reached events of `customerId` arrived, then a little longer to catch extras. */
async function limitEventsOf(customerId: string, count: number): Promise<DeliveredEvent[]> {
  const matching = () => delivered.filter((event) => event.type === 'entitlement.limit_reached' && event.data.customerId === customerId);
  const deadline = Date.now() + 15_000;
  while (matching().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  return matching();
}

const check = (body: object, headers?: Record<string, string>) => api('POST', '/v1/entitlements/check', { key: sk, body, ...(headers ? { headers } : {}) });

describe('product features', () => {
  test('features and the featureKeys shorthand merge; responses carry both', async () => {
    const response = await api('POST', '/v1/products', {
      key: sk,
      body: {
        name: 'Metered',
        featureKeys: ['reports'],
        features: [
          { key: 'api.calls', type: 'metered', limit: 1000, reset: 'period' },
          { key: 'seats', type: 'metered', limit: null, reset: 'never' },
          { key: 'exports', type: 'metered', limit: 5 },
          { key: 'sso', type: 'boolean' },
        ],
        prices: [{ amount: 1000, currency: 'usd', interval: 'month' }],
      },
    });
    expect(response.status).toBe(201);
    expect(response.body.features).toEqual([
      { key: 'reports', type: 'boolean' },
      { key: 'api.calls', type: 'metered', limit: 1000, reset: 'period' },
      { key: 'seats', type: 'metered', limit: null, reset: 'never' },
      { key: 'exports', type: 'metered', limit: 5, reset: 'period' },
      { key: 'sso', type: 'boolean' },
    ]);
    expect(response.body.featureKeys).toEqual(['reports', 'api.calls', 'seats', 'exports', 'sso']);
    expect((await api('GET', `/v1/products/${response.body.id}`, { key: sk })).body).toEqual(response.body);
  });

  const price = [{ amount: 1, currency: 'usd', interval: 'month' }];
  test.each([
    [{ featureKeys: ['a'], features: [{ key: 'a', type: 'metered', limit: 1 }] }, 'features.0.key', 'parameter_invalid', '"a"'],
    [{ features: [{ key: 'b', type: 'boolean' }, { key: 'b', type: 'boolean' }] }, 'features.1.key', 'parameter_invalid', '"b"'],
    [{ featureKeys: ['c', 'c'] }, 'featureKeys.1', 'parameter_invalid', '"c"'],
    [{ features: [{ key: 'd', type: 'metered' }] }, 'features.0.limit', 'parameter_missing', 'limit'],
    [{ features: [{ key: 'e', type: 'metered', limit: -1 }] }, 'features.0.limit', 'parameter_invalid', '0 or more'],
    [{ features: [{ key: 'f', type: 'metered', limit: 1.5 }] }, 'features.0.limit', 'parameter_invalid', 'integer'],
    [{ features: [{ key: 'g', type: 'metered', limit: 1, reset: 'daily' }] }, 'features.0.reset', 'parameter_invalid', 'period'],
    [{ features: [{ key: 'h', type: 'counter' }] }, 'features.0.type', 'parameter_invalid', 'metered'],
    [{ features: [{ key: 'Bad Key', type: 'boolean' }] }, 'features.0.key', 'parameter_invalid', 'lowercase'],
    [{ features: [{ key: 'i', type: 'boolean', limit: 3 }] }, 'features.0.limit', 'unknown_parameter', 'limit'],
  ])('400 for %j: param %s (%s)', async (fields, param, code, mentions) => {
    const error = expectError(await api('POST', '/v1/products', { key: sk, body: { name: 'X', prices: price, ...fields } }), 400, 'invalid_request_error', code);
    expect(error.param).toBe(param);
    expect(error.message).toContain(mentions);
  });
});

describe('entitlements', () => {
  test('list every feature with its type, limit, usage, balance and reset, for the secret key and /v1/me', async () => {
    const plan = await createMeteredPlan(api, sk, 'Ent', [
      { key: 'ent.bool', type: 'boolean' },
      { key: 'ent.calls', type: 'metered', limit: 10 },
      { key: 'ent.unlimited', type: 'metered', limit: null },
      { key: 'ent.seats', type: 'metered', limit: 3, reset: 'never' },
    ]);
    const { customerId, subscription } = await subscribedCustomer(api, sk, 'user_ent', plan.prices[0]!.id);
    await check({ customerId, featureKey: 'ent.calls', requiredBalance: 4, track: true });
    await check({ customerId, featureKey: 'ent.unlimited', requiredBalance: 7, track: true });
    await check({ customerId, featureKey: 'ent.seats', track: true });

    const ids = { object: 'entitlement', productId: plan.id, subscriptionId: subscription.id };
    const expected = [
      { ...ids, featureKey: 'ent.bool', type: 'boolean', limit: null, usage: null, balance: null, resetsAt: null },
      { ...ids, featureKey: 'ent.calls', type: 'metered', limit: 10, usage: 4, balance: 6, resetsAt: subscription.currentPeriodEnd },
      { ...ids, featureKey: 'ent.unlimited', type: 'metered', limit: null, usage: 7, balance: null, resetsAt: subscription.currentPeriodEnd },
      { ...ids, featureKey: 'ent.seats', type: 'metered', limit: 3, usage: 1, balance: 2, resetsAt: null },
    ];
    const list = await api('GET', `/v1/customers/${customerId}/entitlements`, { key: sk });
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual(expected);
    const { sessionToken } = await mintToken(api, sk, 'user_ent');
    expect((await api('GET', '/v1/me/entitlements', { key: sessionToken })).body.data).toEqual(expected);
  });

  test('several subscriptions granting one key: one entitlement, limits and usage add up, unlimited wins', async () => {
    const small = await createMeteredPlan(api, sk, 'Small', [{ key: 'multi.calls', type: 'metered', limit: 2 }]);
    const large = await createMeteredPlan(api, sk, 'Large', [{ key: 'multi.calls', type: 'metered', limit: 5 }]);
    const { customerId } = await subscribedCustomer(api, sk, 'user_multi', small.prices[0]!.id);
    const second = await api('POST', '/v1/subscriptions', { key: sk, body: { customerId, priceId: large.prices[0]!.id } });
    expect(second.status).toBe(201);

    const tracked = await check({ customerId, featureKey: 'multi.calls', requiredBalance: 4, track: true });
    expect(tracked.body).toMatchObject({ allowed: true, limit: 7, usage: 4, balance: 3 });
    const [entitlement] = (await api('GET', `/v1/customers/${customerId}/entitlements`, { key: sk })).body.data;
    // The 4 were spent from the larger grant (5 − 4 = 1 left); the smaller one (2 left) is next.
    expect(entitlement).toMatchObject({ featureKey: 'multi.calls', limit: 7, usage: 4, balance: 3, productId: small.id });

    const unlimited = await createMeteredPlan(api, sk, 'Unlimited', [{ key: 'multi.calls', type: 'metered', limit: null }]);
    await api('POST', '/v1/subscriptions', { key: sk, body: { customerId, priceId: unlimited.prices[0]!.id } });
    const after = await check({ customerId, featureKey: 'multi.calls', requiredBalance: 100, track: true });
    expect(after.body).toMatchObject({ allowed: true, limit: null, usage: 104, balance: null });
  });
});

describe('POST /v1/entitlements/check', () => {
  let customerId: string;
  beforeAll(async () => {
    const plan = await createMeteredPlan(api, sk, 'Check', [
      { key: 'chk.calls', type: 'metered', limit: 5 },
      { key: 'chk.bool', type: 'boolean' },
    ]);
    ({ customerId } = await subscribedCustomer(api, sk, 'user_check', plan.prices[0]!.id));
  });

  test('without track it answers and counts nothing', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await check({ customerId, featureKey: 'chk.calls' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ allowed: true, featureKey: 'chk.calls', limit: 5, usage: 0, balance: 5, resetsAt: expect.any(String) });
    }
    expect((await check({ customerId, featureKey: 'chk.calls', requiredBalance: 6 })).body).toMatchObject({ allowed: false, usage: 0, balance: 5 });
    expect((await check({ externalUserId: 'user_check', featureKey: 'chk.bool' })).body).toEqual({
      allowed: true,
      featureKey: 'chk.bool',
      limit: null,
      usage: null,
      balance: null,
      resetsAt: null,
    });
  });

  test('with track an allowed check spends requiredBalance; a refused one spends nothing', async () => {
    expect((await check({ customerId, featureKey: 'chk.calls', requiredBalance: 3, track: true })).body).toMatchObject({ allowed: true, usage: 3, balance: 2 });
    expect((await check({ customerId, featureKey: 'chk.calls', requiredBalance: 3, track: true })).body).toMatchObject({ allowed: false, usage: 3, balance: 2 });
    expect((await check({ externalUserId: 'user_check', featureKey: 'chk.calls', requiredBalance: 2, track: true })).body).toMatchObject({ allowed: true, usage: 5, balance: 0 });
    expect((await check({ customerId, featureKey: 'chk.calls', track: true })).body).toMatchObject({ allowed: false, usage: 5, balance: 0 });
    expect((await check({ customerId, featureKey: 'chk.bool', track: true })).body).toMatchObject({ allowed: true, usage: null });
  });

  test('a feature the customer lacks is allowed: false with nulls, not an error', async () => {
    const response = await check({ customerId, featureKey: 'not.granted', track: true });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ allowed: false, featureKey: 'not.granted', limit: null, usage: null, balance: null, resetsAt: null });
    const unsubscribed = await api('POST', '/v1/customers', { key: sk, body: { externalUserId: 'user_no_sub' } });
    expect((await check({ customerId: unsubscribed.body.id, featureKey: 'chk.calls' })).body).toMatchObject({ allowed: false, limit: null });
  });

  test('404 naming the parameter for an unknown customer; 400 for a missing or doubled customer', async () => {
    expect(expectError(await check({ customerId: 'cus_nope', featureKey: 'chk.calls' }), 404, 'not_found_error', 'resource_missing').param).toBe('customerId');
    expect(expectError(await check({ externalUserId: 'nobody', featureKey: 'chk.calls' }), 404, 'not_found_error').param).toBe('externalUserId');
    expect(expectError(await check({ featureKey: 'chk.calls' }), 400, 'invalid_request_error').param).toBe('customerId');
    expect(expectError(await check({ customerId, externalUserId: 'user_check', featureKey: 'chk.calls' }), 400, 'invalid_request_error').param).toBe('externalUserId');
    expect(expectError(await check({ customerId, featureKey: 'chk.calls', requiredBalance: -1 }), 400, 'invalid_request_error').param).toBe('requiredBalance');
    expect(expectError(await check({ customerId }), 400, 'invalid_request_error', 'parameter_missing').param).toBe('featureKey');
  });

  test('secret key only', async () => {
    const { sessionToken } = await mintToken(api, sk, 'user_check');
    for (const key of [server.publishableKey, sessionToken]) {
      expectError(await api('POST', '/v1/entitlements/check', { key, body: { customerId, featureKey: 'chk.calls' } }), 403, 'permission_error');
      expectError(await api('POST', '/v1/usage', { key, body: { customerId, featureKey: 'chk.calls' } }), 403, 'permission_error');
    }
  });

  test('a retried tracked check with the same Idempotency-Key is counted once and replays its answer', async () => {
    const plan = await createMeteredPlan(api, sk, 'Idem', [{ key: 'idem.calls', type: 'metered', limit: 10 }]);
    const customer = await subscribedCustomer(api, sk, 'user_idem', plan.prices[0]!.id);
    const body = { customerId: customer.customerId, featureKey: 'idem.calls', requiredBalance: 2, track: true };
    const first = await check(body, { 'Idempotency-Key': 'track-once' });
    const retry = await check(body, { 'Idempotency-Key': 'track-once' });
    expect(first.body).toMatchObject({ allowed: true, usage: 2 });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await check({ customerId: customer.customerId, featureKey: 'idem.calls' })).body).toMatchObject({ usage: 2, balance: 8 });

    const recorded = { customerId: customer.customerId, featureKey: 'idem.calls', value: 3 };
    await api('POST', '/v1/usage', { key: sk, body: recorded, headers: { 'Idempotency-Key': 'record-once' } });
    await api('POST', '/v1/usage', { key: sk, body: recorded, headers: { 'Idempotency-Key': 'record-once' } });
    expect((await check({ customerId: customer.customerId, featureKey: 'idem.calls' })).body).toMatchObject({ usage: 5, balance: 5 });
  });
});

describe('POST /v1/usage', () => {
  test('records unconditionally: the balance goes negative', async () => {
    const plan = await createMeteredPlan(api, sk, 'Usage', [
      { key: 'use.calls', type: 'metered', limit: 3 },
      { key: 'use.bool', type: 'boolean' },
    ]);
    const { customerId } = await subscribedCustomer(api, sk, 'user_usage', plan.prices[0]!.id);
    const first = await api('POST', '/v1/usage', { key: sk, body: { customerId, featureKey: 'use.calls' } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ object: 'usage', featureKey: 'use.calls', usage: 1, limit: 3, balance: 2 });
    const over = await api('POST', '/v1/usage', { key: sk, body: { externalUserId: 'user_usage', featureKey: 'use.calls', value: 4 } });
    expect(over.body).toEqual({ object: 'usage', featureKey: 'use.calls', usage: 5, limit: 3, balance: -2 });
    expect((await check({ customerId, featureKey: 'use.calls' })).body).toMatchObject({ allowed: false, usage: 5, balance: -2 });

    for (const featureKey of ['use.bool', 'use.none']) {
      const error = expectError(await api('POST', '/v1/usage', { key: sk, body: { customerId, featureKey } }), 400, 'invalid_request_error', 'no_metered_entitlement');
      expect(error.param).toBe('featureKey');
      expect(error.message).toContain(featureKey);
    }
    expect(expectError(await api('POST', '/v1/usage', { key: sk, body: { customerId, featureKey: 'use.calls', value: 0 } }), 400, 'invalid_request_error').param).toBe('value');
  });
});

describe('lifetime allowances (reset: never)', () => {
  test('belong to the customer: canceling and subscribing again from a session token does not refill them', async () => {
    const plan = await createMeteredPlan(api, sk, 'Lifetime', [{ key: 'life.exports', type: 'metered', limit: 3, reset: 'never' }]);
    const { customerId, subscription } = await subscribedCustomer(api, sk, 'user_lifetime', plan.prices[0]!.id);
    for (let i = 0; i < 3; i += 1) expect((await check({ customerId, featureKey: 'life.exports', track: true })).body).toMatchObject({ allowed: true });
    expect((await check({ customerId, featureKey: 'life.exports', track: true })).body).toMatchObject({ allowed: false, usage: 3, balance: 0 });

    const { sessionToken } = await mintToken(api, sk, 'user_lifetime', ['read_customer', 'read_subscription', 'read_entitlements', 'manage_subscription']);
    expect((await api('POST', `/v1/me/subscriptions/${subscription.id}/cancel`, { key: sessionToken, body: {} })).status).toBe(200);
    // The card subscribedCustomer put on file pays for the new subscription.
    const again = await api('POST', '/v1/me/subscriptions', { key: sessionToken, body: { priceId: plan.prices[0]!.id } });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(subscription.id);

    expect((await check({ customerId, featureKey: 'life.exports', track: true })).body).toMatchObject({ allowed: false, limit: 3, usage: 3, balance: 0 });
    const entitlements = await api('GET', '/v1/me/entitlements', { key: sessionToken });
    expect(entitlements.body.data).toEqual([expect.objectContaining({ featureKey: 'life.exports', usage: 3, balance: 0, resetsAt: null })]);
  });

  test("a second subscription granting the same lifetime feature adds its limit to the customer's one counter", async () => {
    const small = await createMeteredPlan(api, sk, 'Lifetime small', [{ key: 'life.seats', type: 'metered', limit: 2, reset: 'never' }]);
    const large = await createMeteredPlan(api, sk, 'Lifetime large', [{ key: 'life.seats', type: 'metered', limit: 5, reset: 'never' }]);
    const { customerId } = await subscribedCustomer(api, sk, 'user_lifetime_two', small.prices[0]!.id);
    expect((await check({ customerId, featureKey: 'life.seats', requiredBalance: 2, track: true })).body).toMatchObject({ allowed: true, usage: 2, balance: 0 });
    expect((await api('POST', '/v1/subscriptions', { key: sk, body: { customerId, priceId: large.prices[0]!.id } })).status).toBe(201);
    expect((await check({ customerId, featureKey: 'life.seats', requiredBalance: 5, track: true })).body).toMatchObject({ allowed: true, limit: 7, usage: 7, balance: 0 });
    expect((await check({ customerId, featureKey: 'life.seats', track: true })).body).toMatchObject({ allowed: false, usage: 7 });
  });
});

describe('usage past what a count holds exactly', () => {
  test('a record that would pass 2^53 - 1 answers 400 naming value, and counts nothing', async () => {
    const plan = await createMeteredPlan(api, sk, 'Huge', [{ key: 'huge.tokens', type: 'metered', limit: null }]);
    const { customerId } = await subscribedCustomer(api, sk, 'user_huge', plan.prices[0]!.id);
    const big = Number.MAX_SAFE_INTEGER - 10;
    expect((await api('POST', '/v1/usage', { key: sk, body: { customerId, featureKey: 'huge.tokens', value: big } })).body).toMatchObject({ usage: big });
    const refused = expectError(await api('POST', '/v1/usage', { key: sk, body: { customerId, featureKey: 'huge.tokens', value: 11 } }), 400, 'invalid_request_error', 'usage_too_large');
    expect(refused.param).toBe('value');
    expect((await check({ customerId, featureKey: 'huge.tokens', requiredBalance: 11, track: true })).body).toMatchObject({ allowed: false, usage: big });
    expect((await check({ customerId, featureKey: 'huge.tokens', requiredBalance: 10, track: true })).body).toMatchObject({ allowed: true, usage: Number.MAX_SAFE_INTEGER });
    expectError(await api('POST', '/v1/usage', { key: sk, body: { customerId, featureKey: 'huge.tokens', value: 2 ** 60 } }), 400, 'invalid_request_error');
  });
});

describe('POST /v1/me/entitlements/check', () => {
  test('answers for the token customer without counting, and refuses track', async () => {
    const plan = await createMeteredPlan(api, sk, 'Me', [{ key: 'me.calls', type: 'metered', limit: 2 }]);
    await subscribedCustomer(api, sk, 'user_me_check', plan.prices[0]!.id);
    const { sessionToken } = await mintToken(api, sk, 'user_me_check');
    const me = (body: object, key = sessionToken) => api('POST', '/v1/me/entitlements/check', { key, body });

    const answer = await me({ featureKey: 'me.calls', requiredBalance: 2 });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ allowed: true, featureKey: 'me.calls', limit: 2, usage: 0, balance: 2, resetsAt: expect.any(String) });
    expect((await me({ featureKey: 'me.calls', track: false })).body).toMatchObject({ allowed: true, usage: 0 });
    expect((await me({ featureKey: 'me.calls', requiredBalance: 3 })).body).toMatchObject({ allowed: false });
    expect((await me({ featureKey: 'other' })).body).toMatchObject({ allowed: false, limit: null });

    const refused = expectError(await me({ featureKey: 'me.calls', track: true }), 400, 'invalid_request_error');
    expect(refused.param).toBe('track');
    expect(refused.message).toMatch(/secret key/);
    expect(expectError(await me({ featureKey: 'me.calls', customerId: 'cus_other' }), 400, 'invalid_request_error', 'unknown_parameter').param).toBe('customerId');
    expect((await me({ featureKey: 'me.calls' })).body).toMatchObject({ usage: 0 });

    const noEntitlements = await mintToken(api, sk, 'user_me_check', ['read_customer']);
    expectError(await me({ featureKey: 'me.calls' }, noEntitlements.sessionToken), 403, 'permission_error');
  });
});

describe('on a test clock', () => {
  const start = '2026-01-15T12:00:00.000Z';

  async function clockCustomer(externalUserId: string, features: object[]) {
    const clock = await api('POST', '/v1/test-clocks', { key: sk, body: { frozenTime: start } });
    expect(clock.status).toBe(201);
    const plan = await createMeteredPlan(api, sk, `Clock ${externalUserId}`, features);
    const customer = await subscribedCustomer(api, sk, externalUserId, plan.prices[0]!.id, clock.body.id);
    const advance = async (frozenTime: string) => {
      const response = await api('POST', `/v1/test-clocks/${clock.body.id}/advance`, { key: sk, body: { frozenTime } });
      expect(response.status).toBe(200);
    };
    return { ...customer, advance };
  }

  test('usage resets at renewal and not before; resetsAt moves to the new period end', async () => {
    const { customerId, subscription, advance } = await clockCustomer('user_clock_reset', [
      { key: 'clk.calls', type: 'metered', limit: 10 },
      { key: 'clk.lifetime', type: 'metered', limit: 10, reset: 'never' },
    ]);
    expect(subscription.currentPeriodStart).toBe(start);
    expect(subscription.currentPeriodEnd).toBe('2026-02-15T12:00:00.000Z');
    for (const featureKey of ['clk.calls', 'clk.lifetime']) await check({ customerId, featureKey, requiredBalance: 4, track: true });

    await advance('2026-02-15T11:59:00.000Z');
    expect((await check({ customerId, featureKey: 'clk.calls' })).body).toMatchObject({ usage: 4, balance: 6, resetsAt: '2026-02-15T12:00:00.000Z' });

    await advance('2026-02-15T12:01:00.000Z');
    expect((await check({ customerId, featureKey: 'clk.calls' })).body).toMatchObject({ usage: 0, balance: 10, resetsAt: '2026-03-15T12:00:00.000Z' });
    expect((await check({ customerId, featureKey: 'clk.lifetime' })).body).toMatchObject({ usage: 4, balance: 6, resetsAt: null });
    const entitlements = (await api('GET', `/v1/customers/${customerId}/entitlements`, { key: sk })).body.data;
    expect(entitlements).toEqual([
      expect.objectContaining({ featureKey: 'clk.calls', usage: 0, resetsAt: '2026-03-15T12:00:00.000Z' }),
      expect.objectContaining({ featureKey: 'clk.lifetime', usage: 4, resetsAt: null }),
    ]);
    expect((await check({ customerId, featureKey: 'clk.calls', requiredBalance: 10, track: true })).body).toMatchObject({ allowed: true, usage: 10 });
  });

  test('entitlement.limit_reached once per period, on the customer time', async () => {
    const { customerId, subscription, advance } = await clockCustomer('user_clock_limit', [{ key: 'lim.calls', type: 'metered', limit: 2 }]);
    await check({ customerId, featureKey: 'lim.calls', track: true });
    expect(await limitEventsOf(customerId, 0)).toHaveLength(0);
    await check({ customerId, featureKey: 'lim.calls', track: true });
    await check({ customerId, featureKey: 'lim.calls', track: true });
    await api('POST', '/v1/usage', { key: sk, body: { customerId, featureKey: 'lim.calls', value: 3 } });
    const [first, ...extra] = await limitEventsOf(customerId, 1);
    expect(extra).toHaveLength(0);
    expect(first).toMatchObject({
      type: 'entitlement.limit_reached',
      createdAt: start,
      data: { object: 'entitlement', customerId, featureKey: 'lim.calls', limit: 2, usage: 2, balance: 0, resetsAt: subscription.currentPeriodEnd, subscriptionId: subscription.id },
    });

    await advance('2026-02-20T00:00:00.000Z');
    await api('POST', '/v1/usage', { key: sk, body: { customerId, featureKey: 'lim.calls', value: 5 } });
    await check({ customerId, featureKey: 'lim.calls', track: true });
    const events = await limitEventsOf(customerId, 2);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      createdAt: '2026-02-20T00:00:00.000Z',
      data: { usage: 5, balance: -3, resetsAt: '2026-03-15T12:00:00.000Z' },
    });
  });
});
