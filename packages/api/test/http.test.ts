import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { client, expectError } from './support/http';

let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
});
afterAll(() => server.close());

describe('every response carries the envelope and a request id', () => {
  test('GET /health answers without a credential', async () => {
    const response = await api('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', storage: 'pglite' });
    expect(response.headers.get('request-id')).toMatch(/^req_/);
  });

  test('an unknown route is a 404 envelope', async () => {
    const error = expectError(await api('GET', '/v1/nothing-here', { key: server.secretKey }), 404, 'not_found_error', 'route_not_found');
    expect(error.message).toContain('/v1/nothing-here');
  });

  test('request ids differ per request', async () => {
    const [a, b] = await Promise.all([api('GET', '/health'), api('GET', '/health')]);
    expect(a.headers.get('request-id')).not.toBe(b.headers.get('request-id'));
  });
});

describe('bodies', () => {
  const raw = (body: string, contentType?: string) =>
    fetch(`${server.url}/v1/customers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.secretKey}`, ...(contentType ? { 'Content-Type': contentType } : {}) },
      body,
    }).then(async (response) => ({ status: response.status, headers: response.headers, body: await response.json() }));

  test('a form body is a 400 that says to send Content-Type: application/json', async () => {
    const error = expectError(await raw('externalUserId=x', 'application/x-www-form-urlencoded'), 400, 'invalid_request_error', 'unsupported_content_type');
    expect(error.message).toContain('Content-Type: application/json');
  });

  test('malformed JSON is a 400', async () => {
    expectError(await raw('{"externalUserId":', 'application/json'), 400, 'invalid_request_error', 'invalid_json');
  });

  test('a JSON array instead of an object is a 400', async () => {
    expectError(await raw('[1,2]', 'application/json'), 400, 'invalid_request_error', 'invalid_body');
  });

  test('an oversized body is a 400 and writes nothing', async () => {
    const body = JSON.stringify({ externalUserId: 'big', name: 'x'.repeat(70 * 1024) });
    expectError(await raw(body, 'application/json'), 400, 'invalid_request_error', 'body_too_large');
    expect((await api('GET', '/v1/customers?externalUserId=big', { key: server.secretKey })).body.data).toEqual([]);
  });
});

describe('CORS', () => {
  const preflight = (path: string, method: string) =>
    fetch(`${server.url}${path}`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization,content-type' },
    });

  test.each([
    ['/v1/me', 'GET'],
    ['/v1/me/subscriptions', 'POST'],
    ['/v1/me/subscriptions/sub_1', 'PATCH'],
    ['/v1/me/subscriptions/sub_1/cancel', 'POST'],
    ['/v1/me/entitlements', 'GET'],
    ['/v1/products', 'GET'],
    ['/v1/products/prod_1', 'GET'],
  ])('preflight for %s %s is answered for any origin', async (path, method) => {
    const response = await preflight(path, method);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain(method);
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  test.each([
    ['/v1/session-tokens', 'POST'],
    ['/v1/customers', 'GET'],
    ['/v1/products', 'POST'],
    ['/v1/subscriptions', 'POST'],
  ])('secret-key route %s %s gets no CORS headers', async (path, method) => {
    const response = await preflight(path, method);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const actual = await fetch(`${server.url}${path}`, { method, headers: { Origin: 'https://app.example.com', Authorization: `Bearer ${server.secretKey}` } });
    expect(actual.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('actual responses on public routes (errors included) are readable cross-origin', async () => {
    const response = await fetch(`${server.url}/v1/me`, { headers: { Origin: 'https://app.example.com' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('Request-Id');
  });
});

describe('inputs storage or Node cannot take are refused with the envelope, never a 500', () => {
  test('the NUL character: in a path id a 404, in a query a 400 naming it, in a body a 400 naming the field', async () => {
    expectError(await api('GET', '/v1/customers/cus_%00', { key: server.secretKey }), 404, 'not_found_error', 'resource_missing');
    expect(expectError(await api('GET', '/v1/customers?externalUserId=a%00', { key: server.secretKey }), 400, 'invalid_request_error', 'parameter_invalid').param).toBe('externalUserId');
    const body = { externalUserId: 'ok', metadata: { plan: 'a\u0000b' } };
    expect(expectError(await api('POST', '/v1/customers', { key: server.secretKey, body }), 400, 'invalid_request_error', 'parameter_invalid').param).toBe('metadata');
  });

  test('a deeply nested body is a 400 before the idempotency fingerprint walks it', async () => {
    const body = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    const response = await api('POST', '/v1/customers', { key: server.secretKey, body, headers: { 'Idempotency-Key': 'deep' } });
    expectError(response, 400, 'invalid_request_error', 'invalid_body');
  });

  test('a field named "" is named as such', async () => {
    const response = await api('POST', '/v1/customers', { key: server.secretKey, body: { externalUserId: 'x', '': 1 } });
    expect(expectError(response, 400, 'invalid_request_error', 'unknown_parameter').param).toBe('');
  });

  test('a request line over Node’s 16 KiB limit gets a 431 envelope with a request id', async () => {
    const response = await fetch(`${server.url}/v1/customers/${'x'.repeat(20_000)}`);
    expect(response.status).toBe(431);
    const { error } = (await response.json()) as { error: { type: string; code: string; requestId: string } };
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'headers_too_large' });
    expect(response.headers.get('request-id')).toBe(error.requestId);
  });
});
