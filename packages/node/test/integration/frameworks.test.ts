import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { createWebhookRoute, toFastifyHandler, Webhooks } from '@billingos/node';
import type { WebhookRouteOptions } from '@billingos/node';
import { createSessionRoute } from '@billingos/node/helpers/generic';
import Fastify from 'fastify';
import { Hono } from 'hono';

// Hono passes its Web Request straight through; Fastify goes through toFastifyHandler. Both
// serve the session route against the API and the webhook route on the exact bytes.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const quiet = { error: jest.fn() };
beforeEach(() => quiet.error.mockReset());

function sessionRoute() {
  return createSessionRoute({ secretKey: server.secretKey, apiUrl: server.url }, (request) => {
    const userId = request.headers.get('x-user-id');
    return userId ? { userId } : null;
  });
}

function webhookRoute(handled: string[]) {
  const on: WebhookRouteOptions['on'] = { 'customer.created': (event) => void handled.push(event.id) };
  return createWebhookRoute({ secret: server.webhookSecret, on, logger: quiet });
}

/** A signed `customer.created`: its body, the signature headers, and the body tampered. */
function delivery(id: string) {
  const payload = JSON.stringify({ id, type: 'customer.created', createdAt: new Date().toISOString(), livemode: false, data: { id: 'cus_1' } });
  const headers = { 'content-type': 'application/json', ...new Webhooks({ secret: server.webhookSecret }).generateTestHeaders({ payload }) };
  return { payload, headers, tampered: payload.replace('cus_1', 'cus_2') };
}

/** The user the API sees behind a session token. */
async function userOf(sessionToken: string): Promise<unknown> {
  const me = await fetch(`${server.url}/v1/me`, { headers: { Authorization: `Bearer ${sessionToken}` } });
  return ((await me.json()) as { externalUserId?: unknown }).externalUserId;
}

describe('Hono', () => {
  test('the session route as (c) => route(c.req.raw): a token the API accepts for the user, 401 for nobody', async () => {
    const route = sessionRoute();
    const app = new Hono().get('/api/billingos-session', (c) => route(c.req.raw));
    const response = await app.request('/api/billingos-session', { headers: { 'x-user-id': 'user_hono' } });
    const body = (await response.json()) as { sessionToken: string };
    expect({ status: response.status, cache: response.headers.get('cache-control') }).toEqual({ status: 200, cache: 'no-store' });
    expect(await userOf(body.sessionToken)).toBe('user_hono');
    expect((await app.request('/api/billingos-session')).status).toBe(401);
  });

  test('createWebhookRoute: 200 and the handler once, 400 tampered; a middleware that read the body first is a logged 500', async () => {
    const handled: string[] = [];
    const route = webhookRoute(handled);
    const app = new Hono()
      .post('/webhooks/billingos', (c) => route(c.req.raw))
      .post('/read-first/webhooks/billingos', async (c, next) => {
        await c.req.json();
        await next();
      }, (c) => route(c.req.raw));
    const { payload, headers, tampered } = delivery('evt_hono');
    const post = (path: string, body: string) => app.request(path, { method: 'POST', body, headers });
    expect((await post('/webhooks/billingos', payload)).status).toBe(200);
    expect((await post('/webhooks/billingos', tampered)).status).toBe(400);
    expect((await post('/read-first/webhooks/billingos', delivery('evt_hono_read').payload)).status).toBe(500);
    expect(handled).toEqual(['evt_hono']);
    expect(quiet.error).toHaveBeenCalledWith(expect.stringContaining('(c) => route(c.req.raw)'));
  });
});

describe('Fastify (listening on a port)', () => {
  const listening: Array<{ close(): Promise<void> }> = [];
  afterEach(() => Promise.all(listening.splice(0).map((fastify) => fastify.close())));

  /** The app, listening; `url` is its address. */
  async function app(handled: string[]) {
    const fastify = Fastify();
    fastify.addHook('onSend', async (_request, reply) => {
      reply.header('x-hooks', 'ran');
    });
    fastify.get('/api/billingos-session', toFastifyHandler(sessionRoute()));
    await fastify.register(async (webhooks) => {
      webhooks.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      webhooks.post('/webhooks/billingos', toFastifyHandler(webhookRoute(handled)));
    });
    fastify.post('/parsed/webhooks/billingos', toFastifyHandler(webhookRoute(handled), { logger: quiet }));
    listening.push(fastify);
    return { url: await fastify.listen({ port: 0, host: '127.0.0.1' }) };
  }

  test('toFastifyHandler(session route): a token the API accepts for the user, 401 for nobody, through Fastify\'s hooks', async () => {
    const fastify = await app([]);
    const response = await fetch(`${fastify.url}/api/billingos-session`, { headers: { 'x-user-id': 'user_fastify' } });
    const body = (await response.json()) as { sessionToken: string };
    expect({ status: response.status, cache: response.headers.get('cache-control'), hooks: response.headers.get('x-hooks') }).toEqual({ status: 200, cache: 'no-store', hooks: 'ran' });
    expect(await userOf(body.sessionToken)).toBe('user_fastify');
    expect((await fetch(`${fastify.url}/api/billingos-session`)).status).toBe(401);
  });

  test('toFastifyHandler(createWebhookRoute) with a parseAs buffer parser: 200 and the handler once, 400 tampered', async () => {
    const handled: string[] = [];
    const fastify = await app(handled);
    const { payload, headers, tampered } = delivery('evt_fastify');
    const answers = [];
    for (const body of [payload, tampered, payload]) {
      const response = await fetch(`${fastify.url}/webhooks/billingos`, { method: 'POST', body, headers });
      answers.push([response.status, await response.json()]);
    }
    expect(answers).toEqual([
      [200, { received: true }],
      [400, { error: expect.objectContaining({ code: 'signature_mismatch' }) }],
      [200, { received: true, duplicate: true }],
    ]);
    expect(handled).toEqual(['evt_fastify']);
  });

  test("a body Fastify's JSON parser already parsed is refused: 500, a generic answer, and a log naming the parser to add", async () => {
    const handled: string[] = [];
    const fastify = await app(handled);
    const { payload, headers } = delivery('evt_parsed');
    const response = await fetch(`${fastify.url}/parsed/webhooks/billingos`, { method: 'POST', body: payload, headers });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toMatch(/fastify|parse/i);
    expect(handled).toEqual([]);
    expect(quiet.error).toHaveBeenCalledWith(expect.stringContaining("addContentTypeParser('application/json', { parseAs: 'buffer' }"));
  });
});
