import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS, createWebhookHandler, createWebhookRoute, InvalidRequestError, MemoryWebhookEventStore, NotFoundError, Webhooks } from '@billingos/node';
import type { BillingOSEvent, WebhookDeliveryAttempt, WebhookEndpointWithSecret, WebhookRoute } from '@billingos/node';
import express from 'express';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

let server: TestServer;
let billing: BillingOS;
let expressServer: Server;
let httpServer: Server;
let expressUrl: string;
let httpUrl: string;

/** Handled events per receiver path, in handling order. */
const handled: Record<string, BillingOSEvent[]> = {};
const record = (path: string) => (event: BillingOSEvent) => void (handled[path] ??= []).push(event);
const quiet = { error: jest.fn() };
const expressStore = new MemoryWebhookEventStore();

/** The plain node:http receiver: each path's Web route, replaceable (a redeploy with a new secret). */
const routes: Record<string, WebhookRoute> = {};

/** What a merchant's own node:http server does: the exact bytes into a Web `Request`. */
async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  return new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<[Server, string]> {
  const receiver = createServer(handler);
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  return [receiver, `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`];
}

beforeAll(async () => {
  server = await startTestServer();
  billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url });
  [httpServer, httpUrl] = await listen(async (req, res) => {
    const route = routes[req.url ?? ''];
    if (!route) return void res.writeHead(404).end();
    const response = await route(await toRequest(req));
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
  });
});
afterAll(async () => {
  await server.close();
  for (const receiver of [expressServer, httpServer]) {
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  }
});

async function until<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ids = (path: string) => (handled[path] ?? []).map((event) => `${event.type} ${event.id}`);
const attemptsOf = (endpointId: string, eventId: string) => billing.webhookEndpoints.deliveries(endpointId, { eventId }).toArray();
const statuses = (attempts: WebhookDeliveryAttempt[]) => attempts.map((attempt) => [attempt.attempt, attempt.responseStatus]);

test('endpoints: create shows the secret once; retrieve, list, update and del; ids are checked before any request', async () => {
  const created = await billing.webhookEndpoints.create({ url: 'http://localhost:9/hooks', enabledEvents: ['customer.created'], description: 'crud' });
  expect(created).toEqual({
    id: expect.stringMatching(/^we_/),
    object: 'webhook_endpoint',
    url: 'http://localhost:9/hooks',
    description: 'crud',
    enabledEvents: ['customer.created'],
    disabled: false,
    disabledReason: null,
    previousSecretExpiresAt: null,
    livemode: false,
    createdAt: expect.any(String),
    updatedAt: expect.any(String),
    secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
  });
  const { secret: _secret, ...shown } = created;
  expect(await billing.webhookEndpoints.retrieve(created.id)).toEqual(shown);
  const updated = await billing.webhookEndpoints.update(created.id, { enabledEvents: ['*'], description: null, disabled: true });
  expect(updated).toMatchObject({ enabledEvents: ['*'], description: null, disabled: true });
  expect(updated).not.toHaveProperty('secret');

  const second = await billing.webhookEndpoints.create({ url: 'http://localhost:9/other', enabledEvents: ['*'] });
  const listed: string[] = [];
  for await (const endpoint of billing.webhookEndpoints.list({ limit: 1 })) listed.push(endpoint.id);
  expect(listed).toEqual(expect.arrayContaining([created.id, second.id]));
  expect((await billing.webhookEndpoints.list({ limit: 1 })).hasMore).toBe(true);

  await expect(billing.webhookEndpoints.del(created.id)).resolves.toEqual({ id: created.id, object: 'webhook_endpoint', deleted: true });
  await billing.webhookEndpoints.del(second.id);
  await expect(billing.webhookEndpoints.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
  await expect(billing.webhookEndpoints.create({ url: 'ftp://example.com', enabledEvents: ['*'] })).rejects.toMatchObject({ name: 'InvalidRequestError', param: 'url' });
  await expect(billing.webhookEndpoints.rotateSecret('../we_1')).rejects.toBeInstanceOf(InvalidRequestError);
  await expect(billing.webhookEndpoints.deliveries('we_1/x').toArray()).rejects.toMatchObject({ param: 'id', message: expect.stringContaining('webhookEndpoints.deliveries') });
  await expect(billing.events.redeliver('evt_1', { endpointId: '' })).rejects.toMatchObject({ param: 'endpointId', code: 'parameter_missing' });
  await expect(billing.events.retrieve('evt_missing')).rejects.toBeInstanceOf(NotFoundError);
});

describe('deliveries to createWebhookRoute receivers', () => {
  let viaExpress: WebhookEndpointWithSecret;
  let viaHttp: WebhookEndpointWithSecret;

  beforeAll(async () => {
    viaHttp = await billing.webhookEndpoints.create({ url: 'http://127.0.0.1:1/placeholder', enabledEvents: ['customer.created', 'subscription.created'] });
    viaExpress = await billing.webhookEndpoints.create({ url: 'http://127.0.0.1:1/placeholder', enabledEvents: ['*'] });
    const on = { 'customer.created': record('/express'), 'subscription.created': record('/express'), 'subscription.canceled': record('/express') };
    const app = express();
    app.post('/express', express.raw({ type: 'application/json' }), createWebhookHandler({ secret: viaExpress.secret, on, store: expressStore, logger: quiet }));
    app.use(express.json()); // the rest of a merchant's app parses JSON; the webhook route above is registered first
    [expressServer, expressUrl] = await listen(app);
    routes['/http'] = createWebhookRoute({ secret: viaHttp.secret, on: { 'customer.created': record('/http'), 'subscription.created': record('/http') }, logger: quiet });
    await billing.webhookEndpoints.update(viaExpress.id, { url: `${expressUrl}/express` });
    await billing.webhookEndpoints.update(viaHttp.id, { url: `${httpUrl}/http` });
  });

  test('each event reaches each route once, filtered by enabledEvents; redelivery is de-duplicated by the store', async () => {
    const customer = await billing.customers.create({ externalUserId: 'user_route' });
    const product = await billing.products.create({ name: 'Hooks', featureKeys: ['x'], prices: [{ amount: 100, currency: 'usd', interval: 'month' }] });
    const subscription = await billing.subscriptions.create({ customerId: customer.id, priceId: product.prices[0]!.id });
    await billing.subscriptions.cancel(subscription.id);

    await until(() => ids('/express'), (seen) => seen.some((line) => line.startsWith('subscription.canceled')));
    await until(() => ids('/http'), (seen) => seen.length >= 2);
    // A later event reaches each route after everything before it (one delivery in flight per endpoint,
    // in order): once it has, a duplicate of the earlier ones would have shown up.
    const marker = await billing.customers.create({ externalUserId: 'user_route_marker' });
    const markerEvent = (await billing.events.list({ type: 'customer.created' })).data.find((event) => event.data.id === marker.id)!;
    const markerLine = `customer.created ${markerEvent.id}`;
    for (const route of ['/express', '/http']) await until(() => ids(route), (seen) => seen.includes(markerLine));
    const created = (await billing.events.list({ type: 'customer.created' })).data.find((event) => event.data.id === customer.id)!;
    const subscriptionCreated = (await billing.events.list({ type: 'subscription.created' })).data[0]!;
    const canceled = (await billing.events.list({ type: 'subscription.canceled' })).data[0]!;
    expect(ids('/express')).toEqual([...[created, subscriptionCreated, canceled].map((event) => `${event.type} ${event.id}`), markerLine]);
    expect(ids('/http')).toEqual([...[created, subscriptionCreated].map((event) => `${event.type} ${event.id}`), markerLine]);
    expect(handled['/express']![2]).toEqual(await billing.events.retrieve(canceled.id));

    const delivery = await billing.events.redeliver(created.id, { endpointId: viaExpress.id });
    expect(delivery).toMatchObject({ object: 'webhook_delivery', eventId: created.id, endpointId: viaExpress.id, status: 'pending' });
    const attempts = await until(() => attemptsOf(viaExpress.id, created.id), (list) => list.length === 2);
    expect(statuses(attempts)).toEqual([[2, 200], [1, 200]]);
    expect(ids('/express').filter((line) => line.endsWith(created.id))).toHaveLength(1);
  });

  test('a tampered body or a foreign secret is 400 at both receivers, and no handler runs', async () => {
    const before = { express: ids('/express').length, http: ids('/http').length };
    const payload = JSON.stringify({ id: 'evt_forged', type: 'customer.created', createdAt: new Date().toISOString(), livemode: false, data: {} });
    for (const [url, secret] of [[`${expressUrl}/express`, viaExpress.secret], [`${httpUrl}/http`, viaHttp.secret]] as const) {
      const headers = { 'content-type': 'application/json', ...new Webhooks({ secret }).generateTestHeaders({ payload }) };
      const tampered = await fetch(url, { method: 'POST', headers, body: payload.replace('evt_forged', 'evt_forgeD') });
      expect([tampered.status, await tampered.json()]).toEqual([400, { error: expect.objectContaining({ code: 'signature_mismatch' }) }]);
      const foreign = new Webhooks({ secret: viaExpress.secret === secret ? viaHttp.secret : viaExpress.secret }).generateTestHeaders({ payload });
      expect((await fetch(url, { method: 'POST', headers: { ...headers, ...foreign }, body: payload })).status).toBe(400);
      expect((await fetch(url, { method: 'POST', headers, body: payload })).status).toBe(200);
    }
    expect(ids('/express')).toHaveLength(before.express + 1);
    expect(ids('/http')).toHaveLength(before.http + 1);
  });

  test('the same Express route after express.json(): 500, a generic answer, the fix in the server log', async () => {
    const app = express();
    app.use(express.json());
    app.post('/express', express.raw({ type: 'application/json' }), createWebhookHandler({ secret: viaExpress.secret, on: { 'customer.created': record('/misconfigured') }, logger: quiet }));
    const [misconfigured, url] = await listen(app);
    try {
      const payload = JSON.stringify({ id: 'evt_parsed', type: 'customer.created', createdAt: new Date().toISOString(), livemode: false, data: {} });
      const headers = { 'content-type': 'application/json', ...new Webhooks({ secret: viaExpress.secret }).generateTestHeaders({ payload }) };
      const response = await fetch(`${url}/express`, { method: 'POST', headers, body: payload });
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('express');
      expect(quiet.error).toHaveBeenLastCalledWith(expect.stringContaining("express.raw({ type: 'application/json' })"));
      expect(handled['/misconfigured']).toBeUndefined();
    } finally {
      misconfigured.closeAllConnections();
      await new Promise((resolve) => misconfigured.close(resolve));
    }
  });
});

test('a throwing handler answers 500; the delivery log shows the failure, then the retry that succeeds', async () => {
  let failures = 1;
  const calls: string[] = [];
  const endpoint = await billing.webhookEndpoints.create({ url: `${httpUrl}/throwing`, enabledEvents: ['customer.updated'] });
  routes['/throwing'] = createWebhookRoute({
    secret: endpoint.secret,
    logger: quiet,
    on: {
      'customer.updated': (event) => {
        calls.push(event.id);
        if (failures-- > 0) throw new Error('the database is down');
        record('/throwing')(event);
      },
    },
  });
  const customer = await billing.customers.create({ externalUserId: 'user_throwing' });
  await billing.customers.update(customer.id, { name: 'Ada' });
  const [event] = (await billing.events.list({ type: 'customer.updated', limit: 1 })).data;

  const attempts = await until(() => attemptsOf(endpoint.id, event!.id), (list) => list.some((attempt) => attempt.responseStatus === 200));
  expect(statuses(attempts)).toEqual([[2, 200], [1, 500]]);
  expect(attempts[1]).toMatchObject({ eventId: event!.id, error: 'HTTP 500', durationMs: expect.any(Number) });
  expect(attempts[0]!.error).toBeNull();
  expect(calls).toEqual([event!.id, event!.id]);
  expect(ids('/throwing')).toEqual([`customer.updated ${event!.id}`]);
  expect(quiet.error).toHaveBeenCalledWith(expect.stringContaining(`customer.updated ${event!.id}`), expect.objectContaining({ message: 'the database is down' }));
});

test('rotateSecret: both secrets verify during the overlap, only the new one after', async () => {
  const endpoint = await billing.webhookEndpoints.create({ url: `${httpUrl}/rotating`, enabledEvents: ['customer.deleted'] });
  const receiveWith = (secret: string) => {
    routes['/rotating'] = createWebhookRoute({ secret, on: { 'customer.deleted': record('/rotating') }, logger: quiet });
  };
  const deleteACustomer = async (name: string) => {
    const customer = await billing.customers.create({ externalUserId: name });
    await billing.customers.del(customer.id);
    const [event] = (await billing.events.list({ type: 'customer.deleted', limit: 1 })).data;
    expect(event!.data.id).toBe(customer.id);
    return event!.id;
  };
  const handledOnce = async (eventId: string) => {
    await until(() => ids('/rotating'), (seen) => seen.includes(`customer.deleted ${eventId}`));
    return statuses(await attemptsOf(endpoint.id, eventId));
  };

  receiveWith(endpoint.secret);
  const overlapping = await billing.webhookEndpoints.rotateSecret(endpoint.id, { expiresIn: 3600 });
  expect(overlapping.secret).not.toBe(endpoint.secret);
  expect(Date.parse(overlapping.previousSecretExpiresAt!)).toBeGreaterThan(Date.now() + 3_500_000);
  expect(await handledOnce(await deleteACustomer('user_rot_old'))).toEqual([[1, 200]]);
  receiveWith(overlapping.secret);
  expect(await handledOnce(await deleteACustomer('user_rot_new'))).toEqual([[1, 200]]);

  const final = await billing.webhookEndpoints.rotateSecret(endpoint.id, { expiresIn: 0 });
  expect(final.previousSecretExpiresAt).toBeNull();
  const eventId = await deleteACustomer('user_rot_final');
  const refused = await until(() => attemptsOf(endpoint.id, eventId), (list) => list.length > 0);
  expect(statuses(refused)).toEqual([[1, 400]]);
  receiveWith(final.secret);
  expect(await handledOnce(eventId)).toEqual([[2, 200], [1, 400]]);
});

test('events: list newest first, iterate across pages, filter by type', async () => {
  const all = await billing.events.list().toArray();
  const paged: string[] = [];
  for await (const event of billing.events.list({ limit: 3 })) paged.push(event.id);
  expect(paged).toEqual(all.map((event) => event.id));
  expect(all.length).toBeGreaterThan(10);
  expect([...paged].sort().reverse()).toEqual(paged);
  const types = new Set((await billing.events.list({ type: 'customer.created' }).toArray()).map((event) => event.type));
  expect([...types]).toEqual(['customer.created']);
  expect(all.every((event) => event.livemode === false)).toBe(true);
  await expect(billing.events.list({ type: 'nope' as 'customer.created' })).rejects.toMatchObject({ name: 'InvalidRequestError', param: 'type' });
});
