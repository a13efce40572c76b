import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { client } from './support/http';
import { attachCard, createPlan } from './support/fixtures';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

const deliveries: Delivery[] = [];
let failNext = 0;
let receiver: Server;
let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body });
      response.statusCode = failNext > 0 ? 500 : 204;
      failNext = Math.max(0, failNext - 1);
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  server = await startTestServer({ webhookEndpoint: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks` });
  api = client(server.url);
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function eventsOf(type: string, count = 1, where: (data: { externalUserId?: string }) => boolean = () => true): Promise<Delivery[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const matching = deliveries.filter((delivery) => JSON.parse(delivery.body).type === type && where(JSON.parse(delivery.body).data));
    if (matching.length >= count || Date.now() > deadline) return matching;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('customer.created is delivered as { id, type, createdAt, livemode, data }, signed both ways', async () => {
  const customer = await api('POST', '/v1/customers', { key: server.secretKey, body: { externalUserId: 'hook_user' } });
  const [delivery] = await eventsOf('customer.created');
  expect(delivery).toBeDefined();
  const event = JSON.parse(delivery!.body);
  expect(event).toEqual({ id: expect.stringMatching(/^evt_/), type: 'customer.created', createdAt: expect.any(String), livemode: false, data: customer.body });

  const key = Buffer.from(server.webhookSecret.slice('whsec_'.length), 'base64');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(delivery!.headers['billingos-signature']));
  expect(match).not.toBeNull();
  expect(match![2]).toBe(createHmac('sha256', key).update(`${match![1]}.${delivery!.body}`).digest('hex'));
  expect(Math.abs(Number(match![1]) - Date.now() / 1000)).toBeLessThan(60);

  const verified = new Webhook(server.webhookSecret.slice('whsec_'.length)).verify(delivery!.body, {
    'webhook-id': String(delivery!.headers['webhook-id']),
    'webhook-timestamp': String(delivery!.headers['webhook-timestamp']),
    'webhook-signature': String(delivery!.headers['webhook-signature']),
  });
  expect(verified).toEqual(event);
  expect(delivery!.headers['webhook-id']).toBe(event.id);
});

test('BILLINGOS_WEBHOOK_URL (webhookEndpoint) is a test-mode endpoint for every event type', async () => {
  const endpoints = await api('GET', '/v1/webhook-endpoints', { key: server.secretKey });
  expect(endpoints.body.data).toEqual([
    expect.objectContaining({ url: expect.stringMatching(/\/hooks$/), enabledEvents: ['*'], livemode: false, disabled: false, description: 'BILLINGOS_WEBHOOK_URL' }),
  ]);
  expect((await api('GET', '/v1/webhook-endpoints', { key: server.liveSecretKey })).body.data).toEqual([]);
});

test('subscription.created, .updated and .canceled follow the lifecycle', async () => {
  const plan = await createPlan(api, server.secretKey, 'Hooks', ['x']);
  const customer = await api('POST', '/v1/customers', { key: server.secretKey, body: { externalUserId: 'hook_sub' } });
  // A card on file: the subscription starts active (its first invoice paid), so its plan can change.
  await attachCard(api, server.secretKey, customer.body.id);
  const sub = await api('POST', '/v1/subscriptions', { key: server.secretKey, body: { customerId: customer.body.id, priceId: plan.prices[0]!.id } });
  await api('PATCH', `/v1/subscriptions/${sub.body.id}`, { key: server.secretKey, body: { priceId: plan.prices[1]!.id } });
  await api('POST', `/v1/subscriptions/${sub.body.id}/cancel`, { key: server.secretKey });
  for (const type of ['subscription.created', 'subscription.updated', 'subscription.canceled']) {
    const [delivery] = await eventsOf(type);
    expect(JSON.parse(delivery!.body).data.id).toBe(sub.body.id);
  }
  expect(JSON.parse((await eventsOf('subscription.created'))[0]!.body).data.status).toBe('active');
  const canceled = JSON.parse((await eventsOf('subscription.canceled'))[0]!.body);
  expect(canceled.data.status).toBe('canceled');
});

test('a failed delivery is retried with the same event id until the endpoint accepts it', async () => {
  failNext = 1;
  await api('POST', '/v1/customers', { key: server.secretKey, body: { externalUserId: 'hook_retry' } });
  const attempts = await eventsOf('customer.created', 2, (data) => data.externalUserId === 'hook_retry');
  expect(attempts).toHaveLength(2);
  expect(attempts[0]!.headers['webhook-id']).toBe(attempts[1]!.headers['webhook-id']);
});
