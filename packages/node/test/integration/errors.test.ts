import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import {
  ApiError,
  AuthenticationError,
  BillingOS,
  BillingOSError,
  ConnectionError,
  IdempotencyError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  TimeoutError,
  isBillingOSError,
} from '@billingos/node';
import { createServer } from 'node:net';
import { FaultProxy } from '../utils/fault-proxy';

let server: TestServer;
let proxy: FaultProxy;
let billing: BillingOS;

beforeAll(async () => {
  server = await startTestServer();
  proxy = await FaultProxy.start(server.url);
  billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url, maxRetries: 0 });
});
afterEach(() => proxy.reset());
afterAll(async () => {
  await proxy.close();
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<BillingOSError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isBillingOSError(error)) throw new Error(`expected a BillingOSError, got ${String(error)}`);
  return error;
}

test('400 → InvalidRequestError naming the param, with the request id', async () => {
  const error = await failure(billing.customers.create({ externalUserId: 'user_bad', email: 'not-an-email' }));
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect(error).toMatchObject({ type: 'invalid_request_error', statusCode: 400, param: 'email' });
  expect(error.requestId).toMatch(/^req_/);
  expect(error.headers['request-id']).toBe(error.requestId);
});

test('401 → AuthenticationError for an unknown key', async () => {
  const stranger = new BillingOS({ secretKey: 'sk_test_000000000000000000000000', apiUrl: server.url });
  const error = await failure(stranger.customers.list());
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error).toMatchObject({ statusCode: 401, type: 'authentication_error' });
  expect(error.requestId).toMatch(/^req_/);
});

test('403 → PermissionError when a session token calls a secret-key route', async () => {
  const { sessionToken } = await billing.createSessionToken({ externalUserId: 'user_perm' });
  const error = await failure(billing.customers.list({}, { headers: { Authorization: `Bearer ${sessionToken}` } }));
  expect(error).toBeInstanceOf(PermissionError);
  expect(error).toMatchObject({ statusCode: 403, type: 'permission_error' });
  expect(error.requestId).toMatch(/^req_/);
});

test('404 → NotFoundError with code and message from the API', async () => {
  const error = await failure(billing.customers.retrieve('cus_missing'));
  expect(error).toBeInstanceOf(NotFoundError);
  expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  expect(error.message).toContain('cus_missing');
  expect(error.requestId).toMatch(/^req_/);
});

test('409 → IdempotencyError when a key is reused with another body', async () => {
  const idempotencyKey = `key_${Date.now()}`;
  await billing.customers.create({ externalUserId: 'user_idem_a' }, { idempotencyKey });
  const error = await failure(billing.customers.create({ externalUserId: 'user_idem_b' }, { idempotencyKey }));
  expect(error).toBeInstanceOf(IdempotencyError);
  expect(error).toMatchObject({ statusCode: 409, type: 'idempotency_error' });
  expect(error.requestId).toMatch(/^req_/);
});

test('5xx → ApiError, and a non-JSON success → ApiError invalid_json', async () => {
  const viaProxy = new BillingOS({ secretKey: server.secretKey, apiUrl: proxy.url, maxRetries: 0 });
  proxy.inject({
    kind: 'respond',
    status: 500,
    headers: { 'request-id': 'req_proxy' },
    body: { error: { type: 'api_error', code: 'internal_error', message: 'boom', requestId: 'req_proxy' } },
  });
  expect(await failure(viaProxy.customers.list())).toMatchObject({ name: 'ApiError', statusCode: 500, requestId: 'req_proxy' });

  proxy.inject({ kind: 'respond', status: 200, headers: { 'content-type': 'text/html' }, body: '<html>' });
  const error = await failure(viaProxy.customers.list());
  expect(error).toBeInstanceOf(ApiError);
  expect(error.code).toBe('invalid_json');
});

test('an unreachable API → ConnectionError saying which URL failed', async () => {
  const port = await closedPort();
  const offline = new BillingOS({ secretKey: server.secretKey, apiUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
  const error = await failure(offline.customers.list());
  expect(error).toBeInstanceOf(ConnectionError);
  expect(error).not.toBeInstanceOf(TimeoutError);
  expect(error).toMatchObject({ type: 'connection_error', statusCode: undefined });
  expect(error.message).toContain(`127.0.0.1:${port}`);
});

test('a stalled response → TimeoutError after `timeout` ms', async () => {
  const viaProxy = new BillingOS({ secretKey: server.secretKey, apiUrl: proxy.url, maxRetries: 0, timeout: 300 });
  proxy.inject({ kind: 'stall-after-upstream' });
  const started = Date.now();
  const error = await failure(viaProxy.customers.list());
  expect(error).toBeInstanceOf(TimeoutError);
  expect(error).toBeInstanceOf(ConnectionError);
  expect(error.type).toBe('timeout_error');
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  expect(Date.now() - started).toBeLessThan(5_000);
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
