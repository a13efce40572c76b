import { Webhook } from 'standardwebhooks';
import { Webhooks } from '@billingos/node';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { client, expectError } from './support/http';
import { createCustomer, createPlan } from './support/fixtures';
import { startRecordingReceiver } from './support/recording-receiver';
import type { RecordedDelivery, RecordingReceiver } from './support/recording-receiver';

// startApiServer rather than startTestServer: the rotation test ends a secret's overlap in the database instead of waiting it out.
const keys = generateMerchantKeys();
let server: ApiServer;
let api: ReturnType<typeof client>;
let receiver: RecordingReceiver;

beforeAll(async () => {
  receiver = await startRecordingReceiver();
  server = await startApiServer({ port: 0, keys });
  api = client(server.url);
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

function headersOf(delivery: RecordedDelivery): Record<string, string> {
  return Object.fromEntries(Object.entries(delivery.headers).map(([name, value]) => [name, String(value)]));
}

/** Verified by `@billingos/node` (billingos-signature) and by the `standardwebhooks` package (webhook-*), each with `secret`. */
function verifiesWith(delivery: RecordedDelivery, secret: string): { billingos: boolean; standard: boolean } {
  const headers = headersOf(delivery);
  const billingos = new Webhooks({ secret }).verify(delivery.body, { 'billingos-signature': headers['billingos-signature']! });
  let standard = true;
  try {
    new Webhook(secret.slice('whsec_'.length)).verify(delivery.body, {
      'webhook-id': headers['webhook-id']!,
      'webhook-timestamp': headers['webhook-timestamp']!,
      'webhook-signature': headers['webhook-signature']!,
    });
  } catch {
    standard = false;
  }
  return { billingos, standard };
}

async function createEndpoint(path: string, enabledEvents: string[] = ['*'], key = keys.secretKey) {
  const response = await api('POST', '/v1/webhook-endpoints', { key, body: { url: `${receiver.origin}${path}`, enabledEvents, description: path } });
  expect(response.status).toBe(201);
  return response.body as { id: string; secret: string; url: string };
}

const at = (path: string) => (deliveries: RecordedDelivery[]) => deliveries.filter((delivery) => delivery.path === path);

test('create shows the whsec_ secret once; retrieve, list and update never show it; delete removes it', async () => {
  const created = await createEndpoint('/crud', ['customer.created']);
  expect(created).toMatchObject({
    id: expect.stringMatching(/^we_/),
    object: 'webhook_endpoint',
    url: `${receiver.origin}/crud`,
    enabledEvents: ['customer.created'],
    disabled: false,
    disabledReason: null,
    livemode: false,
    secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
  });
  const read = await api('GET', `/v1/webhook-endpoints/${created.id}`, { key: keys.secretKey });
  expect(read.status).toBe(200);
  expect(read.body).not.toHaveProperty('secret');
  const list = await api('GET', '/v1/webhook-endpoints', { key: keys.secretKey });
  expect(list.body.data.map((endpoint: { id: string }) => endpoint.id)).toContain(created.id);
  expect(JSON.stringify(list.body)).not.toContain(created.secret);
  const updated = await api('PATCH', `/v1/webhook-endpoints/${created.id}`, { key: keys.secretKey, body: { enabledEvents: ['customer.updated'], disabled: true } });
  expect(updated.body).toMatchObject({ enabledEvents: ['customer.updated'], disabled: true });
  expect(updated.body).not.toHaveProperty('secret');
  expectError(await api('GET', `/v1/webhook-endpoints/${created.id}`, { key: keys.liveSecretKey }), 404, 'not_found_error', 'resource_missing');
  expect((await api('DELETE', `/v1/webhook-endpoints/${created.id}`, { key: keys.secretKey })).body).toEqual({ id: created.id, object: 'webhook_endpoint', deleted: true });
  expectError(await api('GET', `/v1/webhook-endpoints/${created.id}`, { key: keys.secretKey }), 404, 'not_found_error');
});

test('enabledEvents is ["*"] or known types', async () => {
  for (const enabledEvents of [[], ['*', 'customer.created'], ['customer.exploded'], ['customer.created', 'customer.created']]) {
    const error = expectError(await api('POST', '/v1/webhook-endpoints', { key: keys.secretKey, body: { url: `${receiver.origin}/x`, enabledEvents } }), 400, 'invalid_request_error');
    expect(error.param).toMatch(/^enabledEvents/);
  }
});

test('each event goes to every enabled endpoint that wants its type, verified by @billingos/node and standardwebhooks', async () => {
  const everything = await createEndpoint('/all');
  const subscriptionsOnly = await createEndpoint('/subs', ['subscription.created']);
  const disabled = await createEndpoint('/off');
  await api('PATCH', `/v1/webhook-endpoints/${disabled.id}`, { key: keys.secretKey, body: { disabled: true } });

  const plan = await createPlan(api, keys.secretKey, 'Filters', ['x']);
  const customer = await createCustomer(api, keys.secretKey, 'filter_user');
  const subscription = await api('POST', '/v1/subscriptions', { key: keys.secretKey, body: { customerId: customer.id, priceId: plan.prices[0]!.id } });
  // A later subscription reaches /all and /subs after everything before it (one delivery in flight
  // per endpoint, in order): once it has, anything extra for the first events would have shown up.
  const marker = await createCustomer(api, keys.secretKey, 'filter_marker');
  const later = await api('POST', '/v1/subscriptions', { key: keys.secretKey, body: { customerId: marker.id, priceId: plan.prices[0]!.id } });
  // Its first invoice's events name the marker customer: they are the later subscription's too.
  const isLater = (d: { event: { data: { id: string; customerId?: string } } }) =>
    d.event.data.id === marker.id || d.event.data.id === later.body.id || d.event.data.customerId === marker.id;
  await receiver.waitFor((deliveries) => at('/all')(deliveries).some((d) => d.event.data.id === later.body.id) && at('/subs')(deliveries).some((d) => d.event.data.id === later.body.id));

  // Without a card on file the subscription starts incomplete, its first invoice open: /all gets
  // those invoice events too (of one instant with subscription.created, so in no defined order).
  const all = at('/all')(receiver.deliveries).filter((d) => !isLater(d));
  expect(all.map((d) => d.event.type).sort()).toEqual(['customer.created', 'invoice.created', 'invoice.finalized', 'subscription.created']);
  expect(all[0]!.event).toMatchObject({ type: 'customer.created', data: { id: customer.id } });
  const invoiceEvents = all.filter((d) => d.event.type.startsWith('invoice.')).map((d) => d.event as { type: string; data: { id: string; subscriptionId?: string; status?: string } });
  expect(invoiceEvents.map((event) => event.data.subscriptionId)).toEqual([subscription.body.id, subscription.body.id]);
  expect(new Set(invoiceEvents.map((event) => event.data.id)).size).toBe(1);
  expect(invoiceEvents.find((event) => event.type === 'invoice.finalized')!.data.status).toBe('open');
  const subs = at('/subs')(receiver.deliveries).filter((d) => !isLater(d));
  expect(subs.map((d) => d.event.type)).toEqual(['subscription.created']);
  expect(subs[0]!.event.data.id).toBe(subscription.body.id);
  expect(at('/off')(receiver.deliveries)).toEqual([]);
  for (const delivery of all) expect(verifiesWith(delivery, everything.secret)).toEqual({ billingos: true, standard: true });
  expect(verifiesWith(at('/subs')(receiver.deliveries)[0]!, subscriptionsOnly.secret)).toEqual({ billingos: true, standard: true });
  // Another endpoint's secret verifies nothing.
  expect(verifiesWith(all[0]!, subscriptionsOnly.secret)).toEqual({ billingos: false, standard: false });
  // The same event reaches both endpoints with the same id (webhook-id too).
  expect(at('/subs')(receiver.deliveries)[0]!.headers['webhook-id']).toBe(all.find((d) => d.event.type === 'subscription.created')!.event.id);
  for (const endpoint of [everything, subscriptionsOnly, disabled]) await api('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey });
});

test('rotate-secret: during the overlap both secrets verify each delivery (two v1= and two v1, entries); after it only the new one', async () => {
  const endpoint = await createEndpoint('/rotate', ['customer.created']);
  const rotated = await api('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { key: keys.secretKey, body: { expiresIn: 3600 } });
  expect(rotated.status).toBe(200);
  expect(rotated.body.secret).toMatch(/^whsec_/);
  expect(rotated.body.secret).not.toBe(endpoint.secret);
  expect(Date.parse(rotated.body.previousSecretExpiresAt)).toBeGreaterThan(Date.now());

  await createCustomer(api, keys.secretKey, 'rotate_during');
  const [during] = await receiver.waitFor((deliveries) => at('/rotate')(deliveries).length === 1).then(at('/rotate'));
  expect(String(during!.headers['billingos-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
  expect(String(during!.headers['webhook-signature']).split(' ')).toEqual([expect.stringMatching(/^v1,/), expect.stringMatching(/^v1,/)]);
  expect(verifiesWith(during!, endpoint.secret)).toEqual({ billingos: true, standard: true });
  expect(verifiesWith(during!, rotated.body.secret)).toEqual({ billingos: true, standard: true });

  // The overlap ends (an hour is long enough that a slow machine still delivers inside it; its end is set, not waited for).
  await server.database.query("UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1", [endpoint.id]);
  await createCustomer(api, keys.secretKey, 'rotate_after');
  const after = (await receiver.waitFor((deliveries) => at('/rotate')(deliveries).length === 2).then(at('/rotate')))[1]!;
  expect(String(after.headers['billingos-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  expect(verifiesWith(after, rotated.body.secret)).toEqual({ billingos: true, standard: true });
  expect(verifiesWith(after, endpoint.secret)).toEqual({ billingos: false, standard: false });
  expect((await api('GET', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey })).body.previousSecretExpiresAt).toBeNull();
  await api('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey });
});

test('a 500, then a timeout, then success: every attempt is recorded; redeliver sends the same event again', async () => {
  const endpoint = await createEndpoint('/flaky', ['customer.created']);
  let calls = 0;
  receiver.respond = (delivery) => {
    if (delivery.path !== '/flaky') return { status: 204 };
    calls += 1;
    return calls === 1 ? { status: 500 } : calls === 2 ? { status: 200, delayMs: 11_000 } : { status: 200 };
  };
  try {
    await createCustomer(api, keys.secretKey, 'flaky_user');
    const deliveries = await receiver.waitFor((all) => at('/flaky')(all).length >= 3, 40_000).then(at('/flaky'));
    const eventId = deliveries[0]!.event.id;
    expect(deliveries.map((d) => d.headers['webhook-id'])).toEqual([eventId, eventId, eventId]);

    const attempts = await waitForAttempts(endpoint.id, 3);
    expect(attempts.map(({ attempt, responseStatus }: { attempt: number; responseStatus: number | null }) => [attempt, responseStatus])).toEqual([
      [1, 500],
      [2, null],
      [3, 200],
    ]);
    expect(attempts[0]).toMatchObject({ eventId, error: 'HTTP 500', durationMs: expect.any(Number), createdAt: expect.any(String), id: expect.stringMatching(/^whatt_/) });
    expect(attempts[1].error).toMatch(/No response within 10 s/);
    expect(attempts[1].durationMs).toBeGreaterThanOrEqual(9_900);
    expect(attempts[2].error).toBeNull();

    const redelivered = await api('POST', `/v1/events/${eventId}/redeliver`, { key: keys.secretKey, body: { endpointId: endpoint.id } });
    expect(redelivered.status).toBe(202);
    expect(redelivered.body).toMatchObject({ object: 'webhook_delivery', eventId, endpointId: endpoint.id, status: 'pending', attempts: 3 });
    await receiver.waitFor((all) => at('/flaky')(all).length === 4);
    expect(at('/flaky')(receiver.deliveries)[3]!.event.id).toBe(eventId);
    expect((await waitForAttempts(endpoint.id, 4))[3]).toMatchObject({ attempt: 4, responseStatus: 200 });
  } finally {
    receiver.respond = () => ({ status: 204 });
    await api('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey });
  }
}, 60_000);

async function waitForAttempts(endpointId: string, count: number): Promise<any[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await api('GET', `/v1/webhook-endpoints/${endpointId}/deliveries?limit=100`, { key: keys.secretKey });
    const attempts = [...response.body.data].reverse();
    if (attempts.length >= count || Date.now() > deadline) return attempts;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('redeliver needs an event and an enabled endpoint of the same mode', async () => {
  const endpoint = await createEndpoint('/redeliver-rules', ['customer.deleted']);
  const customer = await createCustomer(api, keys.secretKey, 'redeliver_rules');
  const [event] = (await api('GET', '/v1/events?type=customer.created&limit=1', { key: keys.secretKey })).body.data;
  expect(event.data.id).toBe(customer.id);
  expectError(await api('POST', '/v1/events/evt_nope/redeliver', { key: keys.secretKey, body: { endpointId: endpoint.id } }), 404, 'not_found_error');
  expectError(await api('POST', `/v1/events/${event.id}/redeliver`, { key: keys.secretKey, body: { endpointId: 'we_nope' } }), 404, 'not_found_error');
  expectError(await api('POST', `/v1/events/${event.id}/redeliver`, { key: keys.liveSecretKey, body: { endpointId: endpoint.id } }), 404, 'not_found_error');
  await api('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey, body: { disabled: true } });
  expectError(await api('POST', `/v1/events/${event.id}/redeliver`, { key: keys.secretKey, body: { endpointId: endpoint.id } }), 400, 'invalid_request_error', 'endpoint_disabled');
  // An event of a type the endpoint does not subscribe to can still be sent by hand.
  await api('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey, body: { disabled: false } });
  expect((await api('POST', `/v1/events/${event.id}/redeliver`, { key: keys.secretKey, body: { endpointId: endpoint.id } })).status).toBe(202);
  await receiver.waitFor((all) => at('/redeliver-rules')(all).length === 1);
  expect(at('/redeliver-rules')(receiver.deliveries)[0]!.event.id).toBe(event.id);
  await api('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey });
});

test('GET /v1/events lists newest first and filters by type; GET /v1/events/:id is the envelope as delivered', async () => {
  const customer = await createCustomer(api, keys.secretKey, 'events_user');
  await api('PATCH', `/v1/customers/${customer.id}`, { key: keys.secretKey, body: { name: 'Renamed' } });
  const all = await api('GET', '/v1/events?limit=2', { key: keys.secretKey });
  expect(all.body).toMatchObject({ object: 'list', hasMore: true, nextCursor: expect.stringMatching(/^evt_/) });
  expect(all.body.data.map((event: { type: string }) => event.type)).toEqual(['customer.updated', 'customer.created']);
  const created = await api('GET', '/v1/events?type=customer.created', { key: keys.secretKey });
  expect(created.body.data.every((event: { type: string }) => event.type === 'customer.created')).toBe(true);
  const one = await api('GET', `/v1/events/${all.body.data[0].id}`, { key: keys.secretKey });
  expect(one.body).toEqual({ id: all.body.data[0].id, type: 'customer.updated', createdAt: expect.any(String), livemode: false, data: expect.objectContaining({ id: customer.id, name: 'Renamed' }) });
  expectError(await api('GET', `/v1/events/${one.body.id}`, { key: keys.liveSecretKey }), 404, 'not_found_error');
  expectError(await api('GET', '/v1/events?type=customer.exploded', { key: keys.secretKey }), 400, 'invalid_request_error');
  expectError(await api('GET', '/v1/events', { key: keys.publishableKey }), 403, 'permission_error');
});

describe('URL safety', () => {
  const refusedInLive = [
    ['http://93.184.216.34/hooks', 'url_https_required'],
    ['https://127.0.0.1/hooks', 'url_forbidden_address'],
    ['https://localhost/hooks', 'url_forbidden_address'],
    ['https://10.0.0.1/hooks', 'url_forbidden_address'],
    ['https://172.16.5.4/hooks', 'url_forbidden_address'],
    ['https://192.168.1.10/hooks', 'url_forbidden_address'],
    ['https://100.64.0.1/hooks', 'url_forbidden_address'],
    ['https://[::1]/hooks', 'url_forbidden_address'],
    ['https://[fd12::1]/hooks', 'url_forbidden_address'],
    ['https://[fe80::1]/hooks', 'url_forbidden_address'],
    ['https://[::ffff:127.0.0.1]/hooks', 'url_forbidden_address'],
    ['https://169.254.169.254/latest/meta-data', 'url_forbidden_address'],
    ['https://0.0.0.0/hooks', 'url_forbidden_address'],
    ['ftp://example.com/hooks', 'url_invalid'],
    ['https://user:pass@93.184.216.34/hooks', 'url_invalid'],
    ['not a url', 'url_invalid'],
  ] as const;

  test.each(refusedInLive)('live mode refuses %s (%s)', async (url, code) => {
    const error = expectError(await api('POST', '/v1/webhook-endpoints', { key: keys.liveSecretKey, body: { url, enabledEvents: ['*'] } }), 400, 'invalid_request_error', code);
    expect(error.param).toBe('url');
  });

  test('the name "localhost" is refused in live mode because of what it resolves to, without naming the address', async () => {
    const error = expectError(await api('POST', '/v1/webhook-endpoints', { key: keys.liveSecretKey, body: { url: 'https://localhost:8443/hooks', enabledEvents: ['*'] } }), 400, 'invalid_request_error');
    expect(error.message).toBe('The URL resolves to a loopback address; webhook endpoints must be publicly reachable (test mode also accepts localhost).');
  });

  test('live mode takes https to a public address; PATCH checks a new URL the same way', async () => {
    const created = await api('POST', '/v1/webhook-endpoints', { key: keys.liveSecretKey, body: { url: 'https://93.184.216.34/hooks', enabledEvents: ['*'] } });
    expect(created.status).toBe(201);
    expect(created.body.livemode).toBe(true);
    expectError(await api('PATCH', `/v1/webhook-endpoints/${created.body.id}`, { key: keys.liveSecretKey, body: { url: 'https://10.1.1.1/' } }), 400, 'invalid_request_error', 'url_forbidden_address');
    await api('DELETE', `/v1/webhook-endpoints/${created.body.id}`, { key: keys.liveSecretKey });
  });

  // A name that does not resolve (yet) is taken in test mode: each delivery resolves and checks it again.
  test.each(['http://localhost:3000/webhooks', 'http://127.0.0.1:3000/webhooks', 'http://[::1]:3000/webhooks', 'http://my-app.test/hooks'])('test mode also takes http and loopback, for local development: %s', async (url) => {
    const created = await api('POST', '/v1/webhook-endpoints', { key: keys.secretKey, body: { url, enabledEvents: ['*'] } });
    expect(created.status).toBe(201);
    await api('DELETE', `/v1/webhook-endpoints/${created.body.id}`, { key: keys.secretKey });
  });

  test.each([
    ['http://10.0.0.1/hooks', '10.0.0.1 is a private (RFC 1918)'],
    ['http://172.16.5.4/hooks', '172.16.5.4 is a private (RFC 1918)'],
    ['http://192.168.1.10/hooks', '192.168.1.10 is a private (RFC 1918)'],
    ['http://100.64.0.1/hooks', '100.64.0.1 is a carrier-grade NAT (shared)'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254 is a link-local (cloud metadata)'],
    ['http://0.0.0.0:3000/hooks', '0.0.0.0 is an unspecified'],
    ['http://[fc00::1]/hooks', 'fc00::1 is a unique local (private)'],
    ['http://[fe80::1]/hooks', 'fe80::1 is a link-local'],
    ['http://[fd00:ec2::254]/hooks', 'fd00:ec2::254 is a cloud metadata'],
    ['http://[::ffff:10.1.2.3]/hooks', '::ffff:a01:203 is a private (RFC 1918)'],
  ])('test mode refuses every other non-public address: %s', async (url, what) => {
    const error = expectError(await api('POST', '/v1/webhook-endpoints', { key: keys.secretKey, body: { url, enabledEvents: ['*'] } }), 400, 'invalid_request_error', 'url_forbidden_address');
    expect(error).toMatchObject({ param: 'url', message: `${what} address; webhook endpoints must be publicly reachable (test mode also accepts localhost).` });
  });

  test('redirects are not followed: a 3xx is a failed attempt', async () => {
    const endpoint = await createEndpoint('/redirect', ['customer.created']);
    receiver.respond = (delivery) => (delivery.path === '/redirect' ? { status: 307 } : { status: 204 });
    try {
      await createCustomer(api, keys.secretKey, 'redirect_user');
      const [attempt] = await waitForAttempts(endpoint.id, 1);
      expect(attempt).toMatchObject({ attempt: 1, responseStatus: 307, error: 'HTTP 307: redirects are not followed' });
    } finally {
      receiver.respond = () => ({ status: 204 });
      await api('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey });
    }
  });
});
