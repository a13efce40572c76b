import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS } from '@billingos/node';
import type { BillingOSEvent } from '@billingos/node';
import { startRecordingReceiver } from '../utils/recording-receiver';
import type { RecordingReceiver } from '../utils/recording-receiver';
import { Webhook } from 'standardwebhooks';

let server: TestServer;
let receiver: RecordingReceiver;
let billing: BillingOS;

beforeAll(async () => {
  receiver = await startRecordingReceiver();
  server = await startTestServer({ webhookEndpoint: receiver.url });
  billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url, webhookSecret: server.webhookSecret });
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

async function eventsUntil(type: string, timeoutMs = 15_000): Promise<BillingOSEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = receiver.deliveries.map((delivery) => billing.webhooks.constructEvent(delivery.raw, delivery.headers));
    if (events.some((event) => event.type === type) || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('deliveries from the real API verify with every accepted input shape, and with standardwebhooks', async () => {
  const customer = await billing.customers.create({ externalUserId: 'user_hooks' });
  const product = await billing.products.create({ name: 'Hooks', featureKeys: ['x'], prices: [{ amount: 100, currency: 'usd', interval: 'month' }] });
  const subscription = await billing.subscriptions.create({ customerId: customer.id, priceId: product.prices[0]!.id });
  await billing.subscriptions.cancel(subscription.id);

  const events = await eventsUntil('subscription.canceled');
  const types = events.map((event) => event.type);
  expect(types).toEqual(expect.arrayContaining(['customer.created', 'subscription.created', 'subscription.canceled']));

  const canceled = events.find((event) => event.type === 'subscription.canceled');
  if (canceled?.type !== 'subscription.canceled') throw new Error('no subscription.canceled event');
  expect(canceled.data).toMatchObject({ id: subscription.id, customerId: customer.id, status: 'canceled' });
  expect(canceled.id).toEqual(expect.any(String));

  const standard = new Webhook(server.webhookSecret);
  for (const { raw, headers } of receiver.deliveries) {
    const signature = headers['billingos-signature'] as string;
    expect(billing.verifyWebhook(raw, signature)).toBe(true);
    expect(billing.verifyWebhook(raw.toString('utf8'), signature)).toBe(true);
    await expect(billing.webhooks.constructEventAsync(new Uint8Array(raw), new Headers(headers as Record<string, string>))).resolves.toHaveProperty('id');
    const { 'billingos-signature': _ignored, ...standardOnly } = headers;
    expect(billing.webhooks.constructEvent(raw, standardOnly)).toEqual(standard.verify(raw.toString('utf8'), standardOnly as Record<string, string>));
    expect(billing.verifyWebhook(Buffer.concat([raw, Buffer.from(' ')]), signature)).toBe(false);
  }
});
