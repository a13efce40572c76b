import 'reflect-metadata';
import { BillingOS, type BillingOSEvent } from '@billingos/node';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { Injectable, type ModuleMetadata } from '@nestjs/common';
import { BillingOSModule, BillingOSModuleConfigurationError, OnBillingOSEvent } from '../src';
import { eventually } from './support/eventually';
import { freePort } from '../../../test-utils/free-port';
import { type RunningNestApp, startNestApp } from './support/start-nest-app';

@Injectable()
class Received {
  readonly subscriptionUpdates: BillingOSEvent[] = [];
  readonly customers: BillingOSEvent[] = [];
  readonly everything: BillingOSEvent[] = [];
  failNext = false;

  get total(): number {
    return this.subscriptionUpdates.length + this.customers.length + this.everything.length;
  }
}

@Injectable()
class SubscriptionHandlers {
  constructor(private readonly received: Received) {}

  @OnBillingOSEvent('subscription.updated')
  onUpdated(event: BillingOSEvent): void {
    if (this.received.failNext) {
      this.received.failNext = false;
      throw new Error('database unavailable');
    }
    this.received.subscriptionUpdates.push(event);
  }

  @OnBillingOSEvent('*')
  onAny(event: BillingOSEvent): void {
    this.received.everything.push(event);
  }
}

@Injectable()
class CustomerHandlers {
  constructor(private readonly received: Received) {}

  @OnBillingOSEvent('customer.created', 'customer.updated')
  async onCustomer(event: BillingOSEvent): Promise<void> {
    this.received.customers.push(event);
  }
}

let api: TestServer;
let nest: RunningNestApp;
let received: Received;
let signer: BillingOS;

function appModule(options: { webhookSecret?: string } = { webhookSecret: api.webhookSecret }): ModuleMetadata {
  return {
    imports: [BillingOSModule.forRoot({ secretKey: api.secretKey, apiUrl: api.url, ...options, webhooks: { path: 'billingos/webhooks' } })],
    providers: [Received, SubscriptionHandlers, CustomerHandlers],
  };
}

beforeAll(async () => {
  const port = await freePort();
  api = await startTestServer({ webhookEndpoint: `http://127.0.0.1:${port}/billingos/webhooks` });
  signer = new BillingOS({ secretKey: api.secretKey, apiUrl: api.url, webhookSecret: api.webhookSecret });
  nest = await startNestApp(appModule(), { rawBody: true, port });
  received = nest.app.get(Received);
});
afterAll(async () => {
  await nest?.close();
  await api?.close();
});
beforeEach(() => {
  for (const list of [received.subscriptionUpdates, received.customers, received.everything]) list.length = 0;
});

function event(type: string): string {
  return JSON.stringify({ id: `evt_${type}_${Date.now()}`, type, createdAt: new Date().toISOString(), data: { object: { id: 'sub_1' } } });
}

function deliver(payload: string, signature?: string, url = nest.url): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['billingos-signature'] = signature;
  return fetch(`${url}/billingos/webhooks`, { method: 'POST', headers, body: payload });
}

describe('webhooks', () => {
  it('verifies a signed event and runs the handlers for its type and for "*"', async () => {
    const payload = event('subscription.updated');
    const response = await deliver(payload, signer.webhooks.generateTestHeader({ payload }));
    expect(response.status).toBe(200);
    expect(received.subscriptionUpdates.map((e) => e.id)).toEqual([JSON.parse(payload).id]);
    expect(received.everything.map((e) => e.type)).toEqual(['subscription.updated']);
    expect(received.customers).toEqual([]);
  });

  it('routes other types only to their own handlers', async () => {
    const payload = event('customer.created');
    const response = await deliver(payload, signer.webhooks.generateTestHeader({ payload }));
    expect(response.status).toBe(200);
    expect(received.customers.map((e) => e.type)).toEqual(['customer.created']);
    expect(received.subscriptionUpdates).toEqual([]);
    expect(received.everything).toHaveLength(1);
  });

  it('also accepts the Standard Webhooks headers alone', async () => {
    const payload = event('subscription.updated');
    const { 'billingos-signature': _own, ...standard } = signer.webhooks.generateTestHeaders({ payload });
    const response = await fetch(`${nest.url}/billingos/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...standard },
      body: payload,
    });
    expect(response.status).toBe(200);
    expect(received.subscriptionUpdates).toHaveLength(1);
  });

  it.each([
    ['forged with another secret', (payload: string) => signer.webhooks.generateTestHeader({ payload, secret: `whsec_${Buffer.from('not the secret').toString('base64')}` })],
    ['stale (signed 10 minutes ago)', (payload: string) => signer.webhooks.generateTestHeader({ payload, timestamp: Math.floor(Date.now() / 1000) - 600 })],
    ['signed for another body', () => signer.webhooks.generateTestHeader({ payload: event('subscription.canceled') })],
    ['malformed', () => 't=abc,v1=nothex'],
    ['missing', () => undefined],
  ])('answers 400 and runs no handler when the signature is %s', async (_case, sign) => {
    const payload = event('subscription.updated');
    const response = await deliver(payload, sign(payload));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    expect(received.total).toBe(0);
  });

  it('answers 500 when a handler throws, so BillingOS delivers the event again', async () => {
    received.failNext = true;
    const payload = event('subscription.updated');
    expect((await deliver(payload, signer.webhooks.generateTestHeader({ payload }))).status).toBe(500);
    expect((await deliver(payload, signer.webhooks.generateTestHeader({ payload }))).status).toBe(200);
    expect(received.subscriptionUpdates).toHaveLength(1);
  });

  it('reads the body itself when the app disables body parsing', async () => {
    const unparsed = await startNestApp(appModule(), { bodyParser: false });
    try {
      const payload = event('customer.updated');
      const response = await deliver(payload, signer.webhooks.generateTestHeader({ payload }), unparsed.url);
      expect(response.status).toBe(200);
      expect(unparsed.app.get(Received).customers.map((e) => e.type)).toEqual(['customer.updated']);
      const huge = JSON.stringify({ ...JSON.parse(payload), padding: 'x'.repeat(2 * 1024 * 1024) });
      expect((await deliver(huge, signer.webhooks.generateTestHeader({ payload: huge }), unparsed.url)).status).toBe(413);
    } finally {
      await unparsed.close();
    }
  });
});

describe('webhooks configuration, checked at start-up', () => {
  it('refuses to start without rawBody: true, saying how to enable it', async () => {
    const starting = startNestApp(appModule());
    await expect(starting).rejects.toThrow(BillingOSModuleConfigurationError);
    await expect(startNestApp(appModule())).rejects.toThrow(/rawBody: true/);
  });

  it('refuses to start with a malformed webhook secret', async () => {
    await expect(startNestApp(appModule({ webhookSecret: 'whsec_' }), { rawBody: true })).rejects.toThrow(/webhookSecret is unusable/);
  });

  it('refuses to start without a webhook secret, saying where to put it', async () => {
    const saved = process.env.BILLINGOS_WEBHOOK_SECRET;
    delete process.env.BILLINGOS_WEBHOOK_SECRET;
    try {
      await expect(startNestApp(appModule({}), { rawBody: true })).rejects.toThrow(/webhookSecret/);
    } finally {
      if (saved !== undefined) process.env.BILLINGOS_WEBHOOK_SECRET = saved;
    }
  });
});

// Last in the file: the API delivers asynchronously, so its events must not reach the tests above.
describe('deliveries from the BillingOS API outbox', () => {
  it('verifies and dispatches the events that API calls cause', async () => {
    const customer = await signer.customers.create({ externalUserId: 'user_webhook_outbox' });
    const product = await signer.products.create({
      name: 'Pro',
      prices: [
        { amount: 1_000, currency: 'usd', interval: 'month' },
        { amount: 10_000, currency: 'usd', interval: 'year' },
      ],
    });
    // A card first: the secret key's subscribe to a paid price charges it, so the subscription starts
    // active and its plan can change (unpaid, it would start incomplete and refuse the change).
    await signer.paymentMethods.attach(customer.id, { paymentMethodId: 'pm_card_visa' });
    const subscription = await signer.subscriptions.create({ customerId: customer.id, priceId: product.prices[0]!.id });
    await signer.subscriptions.update(subscription.id, { priceId: product.prices[1]!.id });

    const isOurs = (event: BillingOSEvent, id: string) => (event.data as { id?: string }).id === id;
    expect(await eventually(() => received.subscriptionUpdates.some((event) => isOurs(event, subscription.id)))).toBe(true);
    expect(await eventually(() => received.customers.some((event) => event.type === 'customer.created' && isOurs(event, customer.id)))).toBe(true);
    expect(
      await eventually(() => received.everything.some((event) => event.type === 'subscription.created' && isOurs(event, subscription.id))),
    ).toBe(true);
  });
});
