import { BillingOS } from '@billingos/node';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { eventually } from './support/eventually';
import { buildExample, type RunningExample, startExample } from './support/example-app';
import { onFreePort } from '../../../test-utils/free-port';

let api: TestServer;
let example: RunningExample;
let signer: BillingOS;

beforeAll(async () => {
  buildExample();
  // The example's port is known only once it listens (it needs the API's URL to start), so the
  // API's endpoint (signed with the merchant's webhook secret) starts on a port nothing serves and
  // is pointed at the example afterwards.
  api = await startTestServer({ webhookEndpoint: 'http://127.0.0.1:9/api/billingos-webhooks' });
  signer = new BillingOS({ secretKey: api.secretKey, apiUrl: api.url, webhookSecret: api.webhookSecret });
  const env = { BILLINGOS_SECRET_KEY: api.secretKey, BILLINGOS_API_URL: api.url, BILLINGOS_WEBHOOK_SECRET: api.webhookSecret };
  example = await onFreePort((port) => startExample(port, env));
  const endpoints = await signer.webhookEndpoints.list().toArray();
  expect(endpoints).toHaveLength(1);
  await signer.webhookEndpoints.update(endpoints[0]!.id, { url: `${example.url}/api/billingos-webhooks` });
}, 120_000);
afterAll(async () => {
  await example?.stop();
  await api?.close();
});

async function logIn(userId: string): Promise<string> {
  const response = await fetch(`${example.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  expect(response.status).toBe(204);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

interface ReceivedEvent {
  id: string;
  type: string;
  data: unknown;
}

async function receivedEvents(): Promise<ReceivedEvent[]> {
  const response = await fetch(`${example.url}/billing/events`);
  return ((await response.json()) as { events: ReceivedEvent[] }).events;
}



describe('examples/nestjs, built with tsc and started with node', () => {
  it("mints a session token for its logged-in user that BillingOS accepts", async () => {
    const cookie = await logIn('example_user_ada');
    const response = await fetch(`${example.url}/api/billingos-session`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const { sessionToken } = (await response.json()) as { sessionToken: string };
    const me = await fetch(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${sessionToken}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { externalUserId: string }).externalUserId).toBe('example_user_ada');
  });

  it('answers 401 to a visitor who is not logged in', async () => {
    const response = await fetch(`${example.url}/api/billingos-session`);
    expect(response.status).toBe(401);
  });

  it('handles a signed event and rejects a forged one', async () => {
    const payload = JSON.stringify({ id: 'evt_example_1', type: 'subscription.updated', createdAt: new Date().toISOString(), data: { id: 'sub_1', customerId: 'cus_example' } });
    const deliver = (signature: string) =>
      fetch(`${example.url}/api/billingos-webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'billingos-signature': signature },
        body: payload,
      });
    const forged = signer.webhooks.generateTestHeader({ payload, secret: `whsec_${Buffer.from('guess').toString('base64')}` });
    expect((await deliver(forged)).status).toBe(400);
    expect((await receivedEvents()).map(({ id }) => id)).not.toContain('evt_example_1');
    expect((await deliver(signer.webhooks.generateTestHeader({ payload }))).status).toBe(200);
    expect((await receivedEvents()).find(({ id }) => id === 'evt_example_1')).toMatchObject({ type: 'subscription.updated' });
    expect(example.output()).toContain('plan changed: evt_example_1 for cus_example');
  });

  it('receives the events BillingOS itself delivers', async () => {
    const customer = await signer.customers.create({ externalUserId: 'example_user_webhook' });
    const delivered = await eventually(async () =>
      (await receivedEvents()).some(({ type, data }) => type === 'customer.created' && (data as { id?: string }).id === customer.id),
    );
    expect(delivered).toBe(true);
  });

  describe('the metered feature: POST /billing/generate and GET /billing/usage', () => {
    const post = (path: string, cookie?: string) => fetch(`${example.url}${path}`, { method: 'POST', headers: cookie ? { cookie } : {} });
    const get = (path: string, cookie?: string) => fetch(`${example.url}${path}`, { headers: cookie ? { cookie } : {} });

    it('answers 401 to a visitor who is not logged in, and counts nothing', async () => {
      expect((await post('/billing/generate')).status).toBe(401);
      expect((await get('/billing/usage')).status).toBe(401);
    });

    it('spends one credit per call with the secret key, answers 402 once none is left, and reports the usage', async () => {
      const product = await signer.products.create({
        name: 'Starter',
        features: [{ key: 'ai_credits', type: 'metered', limit: 2, reset: 'period' }],
        prices: [{ amount: 900, currency: 'usd', interval: 'month' }],
      });
      const customer = await signer.customers.create({ externalUserId: 'example_user_grace' });
      // A card first: the secret key's subscribe to a paid price charges it, so the plan (and its
      // credits) starts active; unpaid, it would start incomplete, with no features.
      await signer.paymentMethods.attach(customer.id, { paymentMethodId: 'pm_card_visa' });
      await signer.subscriptions.create({ customerId: customer.id, priceId: product.prices[0]!.id });
      const cookie = await logIn('example_user_grace');

      expect(await (await get('/billing/usage', cookie)).json()).toMatchObject({ allowed: true, featureKey: 'ai_credits', limit: 2, usage: 0, balance: 2 });
      for (const balance of [1, 0]) {
        const response = await post('/billing/generate', cookie);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ balance });
      }
      const refused = await post('/billing/generate', cookie);
      expect(refused.status).toBe(402);
      expect(await refused.json()).toEqual({ error: 'No AI credits left on your plan.', balance: 0 });
      expect(await (await get('/billing/usage', cookie)).json()).toMatchObject({ allowed: false, limit: 2, usage: 2, balance: 0 });
      const [entitlement] = await signer.entitlements.list(customer.id).toArray();
      expect(entitlement).toMatchObject({ featureKey: 'ai_credits', usage: 2, balance: 0 });
    });

    it('tells a logged-in user without a plan that the feature is not theirs', async () => {
      const cookie = await logIn('example_user_no_plan');
      const usage = await get('/billing/usage', cookie);
      expect(usage.status).toBe(200);
      expect(await usage.json()).toMatchObject({ allowed: false, featureKey: 'ai_credits' });
      expect((await post('/billing/generate', cookie)).status).toBe(402);
    });
  });
});
