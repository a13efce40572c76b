import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BillingOS, ExponentialBackoffRetryPolicy, RETRY_ATTEMPT_HEADER } from '@billingos/node';

/** Answers 503 to the first attempt of every call and 200 to its retry, recording each request's headers. */
class FlakyServer {
  readonly seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];
  readonly #server: Server = createServer((req, res) => {
    this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume().on('end', () => {
      const first = req.headers[RETRY_ATTEMPT_HEADER.toLowerCase()] === '0';
      res.writeHead(first ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(first ? { error: { type: 'api_error', code: 'unavailable', message: 'down' } } : { id: 'cus_1' }));
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  keys(): Array<string | string[] | undefined> {
    return this.seen.map((request) => request.headers['idempotency-key']);
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

let server: FlakyServer;
let billing: BillingOS;

beforeEach(async () => {
  server = new FlakyServer();
  const apiUrl = await server.start();
  billing = new BillingOS({
    secretKey: 'sk_test_idempotency0000000000000',
    apiUrl,
    retryPolicy: new ExponentialBackoffRetryPolicy({ initialDelayMs: 1 }),
  });
});
afterEach(() => server.close());

test.each([
  ['PATCH', () => billing.customers.update('cus_1', { name: 'Ada' })],
  ['DELETE', () => billing.customers.del('cus_1')],
  ['POST', () => billing.customers.create({ externalUserId: 'user_1' })],
  ['POST', () => billing.usage.record({ customerId: 'cus_1', featureKey: 'api_calls' })],
  ['POST', () => billing.entitlements.check({ externalUserId: 'user_1', featureKey: 'api_calls', track: true })],
  ['POST', () => billing.testClocks.advance('clock_1', { frozenTime: new Date() })],
])('%s: a generated Idempotency-Key, identical on the retry', async (method, call) => {
  await call();
  expect(server.seen.map((request) => [request.method, request.headers[RETRY_ATTEMPT_HEADER.toLowerCase()]])).toEqual([
    [method, '0'],
    [method, '1'],
  ]);
  const [first, retry] = server.keys();
  expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(retry).toBe(first);
});

test('each call has its own key', async () => {
  await billing.subscriptions.update('sub_1', { metadata: { seats: '2' } });
  await billing.subscriptions.update('sub_1', { metadata: { seats: '2' } });
  const keys = server.keys();
  expect(keys[0]).toBe(keys[1]);
  expect(keys[2]).toBe(keys[3]);
  expect(keys[2]).not.toBe(keys[0]);
});

test('a caller-supplied idempotencyKey is sent as is on every attempt', async () => {
  await billing.customers.update('cus_1', { name: 'Ada' }, { idempotencyKey: 'update-ada-1' });
  await billing.customers.del('cus_1', { idempotencyKey: 'delete-ada-1' });
  expect(server.keys()).toEqual(['update-ada-1', 'update-ada-1', 'delete-ada-1', 'delete-ada-1']);
});

test('a key passed as a header in any spelling is the key, sent once, never joined with a generated one', async () => {
  await billing.customers.del('cus_1', { headers: { 'idempotency-KEY': 'from-header' } });
  expect(server.keys()).toEqual(['from-header', 'from-header']);
});

test('reads carry no Idempotency-Key', async () => {
  await billing.customers.retrieve('cus_1');
  expect(server.seen.map((request) => request.method)).toEqual(['GET', 'GET']);
  expect(server.keys()).toEqual([undefined, undefined]);
});
