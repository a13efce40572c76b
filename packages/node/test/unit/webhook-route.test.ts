import { createWebhookHandler, createWebhookRoute, MemoryWebhookEventStore, SubtleCryptoProvider, Webhooks } from '@billingos/node';
import type { BillingOSEvent, WebhookEventStore, WebhookRouteOptions } from '@billingos/node';
import express from 'express';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const signer = new Webhooks({ secret });
const renewed = { id: 'evt_1', type: 'subscription.renewed', createdAt: '2026-01-01T00:00:00.000Z', livemode: false, data: { id: 'sub_1', customerId: 'cus_1' } };

function delivery(event: object = renewed, init: { body?: string; headers?: Record<string, string> } = {}): Request {
  const payload = JSON.stringify(event);
  const headers = { 'content-type': 'application/json', ...signer.generateTestHeaders({ payload }), ...init.headers };
  return new Request('https://merchant.test/webhooks', { method: 'POST', body: init.body ?? payload, headers });
}

const quiet = { error: jest.fn() };
beforeEach(() => quiet.error.mockReset());

function route(on: WebhookRouteOptions['on'], extra: Partial<WebhookRouteOptions> = {}) {
  return createWebhookRoute({ secret, on, logger: quiet, ...extra });
}

test('a valid delivery runs the handler of its type once and answers 200', async () => {
  const seen: BillingOSEvent[] = [];
  const other = jest.fn();
  const response = await route({ 'subscription.renewed': (event) => void seen.push(event), 'customer.created': other })(delivery());
  expect(response.status).toBe(200);
  await expect(response.json()).resolves.toEqual({ received: true });
  expect(seen).toEqual([renewed]);
  expect(other).not.toHaveBeenCalled();
});

test('the body is verified byte for byte: a tampered or re-serialised body is 400 and no handler runs', async () => {
  const handler = jest.fn();
  const handle = route({ 'subscription.renewed': handler });
  const spaced = JSON.stringify(renewed, null, 2);
  const signedSpaced = delivery(renewed, { body: spaced, headers: signer.generateTestHeaders({ payload: spaced }) });
  expect((await handle(signedSpaced)).status).toBe(200);

  const tampered = await handle(delivery(renewed, { body: JSON.stringify({ ...renewed, id: 'evt_forged' }) }));
  expect(tampered.status).toBe(400);
  await expect(tampered.json()).resolves.toMatchObject({ error: { type: 'invalid_request_error', code: 'signature_mismatch' } });
  const reserialised = delivery(renewed, { body: JSON.stringify(JSON.parse(spaced)), headers: signer.generateTestHeaders({ payload: spaced }) });
  expect((await handle(reserialised)).status).toBe(400);
  const unsigned = new Request('https://merchant.test/webhooks', { method: 'POST', body: JSON.stringify(renewed) });
  await expect((await handle(unsigned)).json()).resolves.toMatchObject({ error: { code: 'missing_signature_header' } });
  expect(handler).toHaveBeenCalledTimes(1);
});

test('a handler that throws answers 500 with a generic body, logs the error, and the retry runs it again', async () => {
  let fail = true;
  const handler = jest.fn(async () => {
    if (fail) throw new Error('database down: password=hunter2');
  });
  const handle = route({ 'subscription.renewed': handler });
  const failed = await handle(delivery());
  expect(failed.status).toBe(500);
  const text = await failed.text();
  expect(text).not.toContain('hunter2');
  expect(JSON.parse(text)).toMatchObject({ error: { type: 'api_error', code: 'internal_error' } });
  expect(quiet.error).toHaveBeenCalledWith(expect.stringContaining('subscription.renewed evt_1'), expect.any(Error));
  fail = false;
  expect((await handle(delivery())).status).toBe(200);
  expect((await handle(delivery())).status).toBe(200);
  expect(handler).toHaveBeenCalledTimes(2);
});

test('by default a per-route memory store skips an event already handled; store: false turns it off', async () => {
  const handler = jest.fn();
  const handle = route({ 'subscription.renewed': handler });
  expect((await handle(delivery())).status).toBe(200);
  const again = await handle(delivery());
  await expect(again.json()).resolves.toEqual({ received: true, duplicate: true });
  expect(handler).toHaveBeenCalledTimes(1);

  const always = jest.fn();
  const noStore = route({ 'subscription.renewed': always }, { store: false });
  await noStore(delivery());
  await noStore(delivery());
  expect(always).toHaveBeenCalledTimes(2);
});

test('a merchant store is asked before and told after the handler; a failing store is a 500', async () => {
  const ids = new Set<string>();
  const calls: string[] = [];
  const store: WebhookEventStore = {
    has: async (id) => (calls.push(`has ${id}`), ids.has(id)),
    set: async (id) => (calls.push(`set ${id}`), ids.add(id)),
  };
  const handle = route({ 'subscription.renewed': () => void calls.push('handler') }, { store });
  await handle(delivery());
  await handle(delivery());
  expect(calls).toEqual(['has evt_1', 'handler', 'set evt_1', 'has evt_1']);

  const broken = route({ 'subscription.renewed': jest.fn() }, { store: { has: () => Promise.reject(new Error('redis down')), set: jest.fn() } });
  expect((await broken(delivery())).status).toBe(500);
});

test('MemoryWebhookEventStore keeps the latest maxSize ids', () => {
  const store = new MemoryWebhookEventStore(2);
  ['a', 'b', 'c'].forEach((id) => store.set(id));
  expect(['a', 'b', 'c'].map((id) => store.has(id))).toEqual([false, true, true]);
});

test('an event type without a handler is acknowledged; other methods get 405', async () => {
  const handle = route({});
  expect((await handle(delivery({ ...renewed, type: 'customer.created' }))).status).toBe(200);
  const get = await handle(new Request('https://merchant.test/webhooks'));
  expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
});

test('Web Crypto verifies where node:crypto is absent (Edge)', async () => {
  const handler = jest.fn();
  const handle = route({ 'subscription.renewed': handler }, { cryptoProvider: new SubtleCryptoProvider() });
  expect((await handle(delivery())).status).toBe(200);
  expect(handler).toHaveBeenCalledTimes(1);
});

test('the secret defaults to BILLINGOS_WEBHOOK_SECRET, read at the first request; a missing one is a logged 500', async () => {
  const handler = jest.fn();
  const handle = createWebhookRoute({ on: { 'subscription.renewed': handler }, logger: quiet });
  const saved = process.env.BILLINGOS_WEBHOOK_SECRET;
  try {
    delete process.env.BILLINGOS_WEBHOOK_SECRET;
    expect((await handle(delivery())).status).toBe(500);
    expect(quiet.error).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ code: 'missing_webhook_secret' }));
    process.env.BILLINGOS_WEBHOOK_SECRET = secret;
    expect((await handle(delivery())).status).toBe(200);
  } finally {
    if (saved === undefined) delete process.env.BILLINGOS_WEBHOOK_SECRET;
    else process.env.BILLINGOS_WEBHOOK_SECRET = saved;
  }
});

test('a body already read (by middleware before the route) is a logged 500; oversized bodies are 413', async () => {
  const handle = route({});
  const read = delivery();
  await read.text();
  expect((await handle(read)).status).toBe(500);
  expect(quiet.error).toHaveBeenCalledWith(expect.stringContaining('request.clone()'));
  const huge = delivery(renewed, { body: 'x'.repeat(1024 * 1024 + 1) });
  expect((await handle(huge)).status).toBe(413);
});

test('a chunked body with no length stops being read at the limit (413), instead of filling memory', async () => {
  let pulled = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024));
      if (pulled >= 64 * 1024 * 1024) controller.close();
    },
  });
  const request = new Request('https://merchant.example/webhooks', { method: 'POST', body: endless, duplex: 'half' } as RequestInit);
  expect((await route({})(request)).status).toBe(413);
  expect(pulled).toBeLessThan(4 * 1024 * 1024);
});

describe('createWebhookHandler (Express)', () => {
  async function post(app: express.Express, request: Request): Promise<{ status: number; body: string }> {
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/webhooks`, { method: 'POST', headers: request.headers, body: await request.text() });
      return { status: response.status, body: await response.text() };
    } finally {
      server.close();
    }
  }

  test('with express.raw, and with no parser at all, a delivery is verified on its bytes', async () => {
    const handler = jest.fn();
    const withRaw = express().post('/webhooks', express.raw({ type: 'application/json' }), createWebhookHandler({ secret, on: { 'subscription.renewed': handler }, logger: quiet }));
    expect(await post(withRaw, delivery())).toEqual({ status: 200, body: '{"received":true}' });
    const unparsed = express().post('/webhooks', createWebhookHandler({ secret, on: { 'subscription.renewed': handler }, logger: quiet }));
    expect((await post(unparsed, delivery())).status).toBe(200);
    const text = express().post('/webhooks', express.text({ type: 'application/json' }), createWebhookHandler({ secret, on: { 'subscription.renewed': handler }, logger: quiet }));
    expect((await post(text, delivery())).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(3);
    expect((await post(withRaw, delivery(renewed, { body: JSON.stringify({ ...renewed, id: 'evt_x' }) }))).status).toBe(400);
  });

  test('a text body that happens to read "parsed" or "too_large" is verified like any other (a signed non-event: 400)', async () => {
    const text = express().post('/webhooks', express.text({ type: 'application/json' }), createWebhookHandler({ secret, on: {}, logger: quiet }));
    for (const body of ['parsed', 'too_large']) {
      expect((await post(text, delivery(renewed, { body, headers: signer.generateTestHeaders({ payload: body }) }))).status).toBe(400);
    }
    expect(quiet.error).not.toHaveBeenCalled();
  });

  test('after express.json() it answers 500, a generic body, and a server log naming express.raw', async () => {
    const handler = jest.fn();
    const app = express();
    app.use(express.json());
    app.post('/webhooks', createWebhookHandler({ secret, on: { 'subscription.renewed': handler }, logger: quiet }));
    const { status, body } = await post(app, delivery());
    expect(status).toBe(500);
    expect(body).not.toMatch(/express|parsed/i);
    expect(handler).not.toHaveBeenCalled();
    expect(quiet.error).toHaveBeenCalledWith(expect.stringContaining("express.raw({ type: 'application/json' })"));
    expect(quiet.error.mock.calls[0]![0]).toContain('/webhooks');
  });
});
