import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { ApiError, AuthProvider, BillingOS, PermissionError, Transport, registerProvider, tokenOf } from '@billingos/node';
import type { AuthIdentity, BillingOSPlugin } from '@billingos/node';
import { createSessionHandler, createSessionRoute } from '@billingos/node/helpers/generic';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultProxy } from '../utils/fault-proxy';

let server: TestServer;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startTestServer();
  proxy = await FaultProxy.start(server.url);
});
afterEach(() => proxy.reset());
afterAll(async () => {
  await proxy.close();
  await server.close();
});

/** Logged in when the request carries `Cookie: session=<user id>`. */
class CookieAuth extends AuthProvider {
  async authenticate(request: Request): Promise<AuthIdentity | null> {
    const user = /session=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
    return user ? { userId: user, metadata: { via: 'cookie' } } : null;
  }
}

const asUser = (user: string) => new Request('https://merchant.test/api/billingos-session', { headers: { cookie: `session=${user}` } });

async function body(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

test('billing.createSessionRoute() mints a token for the user the AuthProvider names', async () => {
  const billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url, authProvider: CookieAuth });
  const route = billing.createSessionRoute({ expiresIn: 900 });
  const response = await route(asUser('user_route'));
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const json = await body(response);
  expect(Object.keys(json).sort()).toEqual(['expiresAt', 'sessionToken']);
  expect(Date.parse(json.expiresAt as string) - Date.now()).toBeGreaterThan(890_000);
  const me = await fetch(`${server.url}/v1/me`, { headers: { Authorization: `Bearer ${json.sessionToken as string}` } });
  expect(await me.json()).toMatchObject({ externalUserId: 'user_route' });
});

test('nobody logged in → 401 JSON, no request to BillingOS', async () => {
  const route = createSessionRoute({ secretKey: server.secretKey, apiUrl: proxy.url }, () => null);
  const response = await route(new Request('https://merchant.test/api/billingos-session'));
  expect(response.status).toBe(401);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(await body(response)).toEqual({
    error: { type: 'authentication_error', code: 'not_authenticated', message: expect.any(String) },
  });
  expect(proxy.requests).toHaveLength(0);
});

test('organization extraction and options reach the token', async () => {
  const route = createSessionRoute(
    {
      secretKey: server.secretKey,
      apiUrl: server.url,
      allowedOperations: ['read_customer'],
      extractOrganizationId: (request) => request.headers.get('x-org') ?? undefined,
    },
    (request) => ({ userId: request.headers.get('x-user') ?? '' }),
  );
  const response = await route(new Request('https://m.test/s', { headers: { 'x-user': 'user_org', 'x-org': 'org_42' } }));
  const { sessionToken } = (await body(response)) as { sessionToken: string };
  const claims = JSON.parse(Buffer.from(sessionToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  expect(claims).toMatchObject({ sub: 'user_org' });
  expect(JSON.stringify(claims)).toContain('org_42');
  // B2B: the token's customer is the organization's, which names no single member.
  const me = await fetch(`${server.url}/v1/me`, { headers: { Authorization: `Bearer ${sessionToken}` } });
  expect(await me.json()).toMatchObject({ externalUserId: null, externalOrganizationId: 'org_42' });
});

test('BillingOS refusing (wrong key) → 502 JSON with the request id and nothing secret', async () => {
  const wrongKey = 'sk_test_wrongwrongwrongwrong';
  const route = createSessionRoute({ secretKey: wrongKey, apiUrl: server.url }, new CookieAuth());
  const response = await route(asUser('user_x'));
  expect(response.status).toBe(502);
  const text = await response.text();
  expect(text).not.toContain(wrongKey);
  expect(JSON.parse(text)).toMatchObject({ error: { type: 'api_error', requestId: expect.stringMatching(/^req_/) } });
});

test('BillingOS unreachable → 502 connection_error JSON', async () => {
  const billing = new BillingOS({ secretKey: server.secretKey, apiUrl: 'http://127.0.0.1:9', maxRetries: 0 });
  const response = await createSessionRoute({ billingos: billing }, new CookieAuth())(asUser('user_y'));
  expect(response.status).toBe(502);
  expect(await body(response)).toMatchObject({ error: { type: 'connection_error' } });
});

test('rate limited → 429 with Retry-After passed on', async () => {
  proxy.inject({ kind: 'respond', status: 429, headers: { 'retry-after': '600' }, body: { error: { type: 'rate_limit_error', code: 'rate_limited', message: 'x', requestId: 'req_rl' } } });
  const route = createSessionRoute({ secretKey: server.secretKey, apiUrl: proxy.url }, new CookieAuth());
  const response = await route(asUser('user_rl'));
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after')).toBe('600');
  expect(await body(response)).toMatchObject({ error: { requestId: 'req_rl' } });
});

test('an AuthProvider that throws → 500 without its message', async () => {
  const route = createSessionRoute({ secretKey: server.secretKey, apiUrl: server.url }, () => {
    throw new Error('database password is hunter2');
  });
  const response = await route(asUser('user_z'));
  expect(response.status).toBe(500);
  const text = await response.text();
  expect(text).not.toContain('hunter2');
  expect(JSON.parse(text)).toMatchObject({ error: { code: 'auth_provider_failed' } });
});

test('a BillingOSError with a 4xx status from extractOrganizationId is passed on (403), a 5xx keeps only its status', async () => {
  const forbidden = createSessionRoute(
    {
      secretKey: server.secretKey,
      apiUrl: server.url,
      extractOrganizationId: () => {
        throw new PermissionError({ code: 'organization_access_denied', statusCode: 403, message: 'Not a member of org_9.' });
      },
    },
    new CookieAuth(),
  );
  const denied = await forbidden(asUser('user_org'));
  expect(denied.status).toBe(403);
  expect(await body(denied)).toMatchObject({ error: { type: 'permission_error', code: 'organization_access_denied', message: 'Not a member of org_9.' } });

  const outage = createSessionRoute({ secretKey: server.secretKey, apiUrl: server.url }, () => {
    throw new ApiError({ code: 'auth_backend_down', statusCode: 503, message: 'token at https://secret.internal failed' });
  });
  const unavailable = await outage(asUser('user_org'));
  expect(unavailable.status).toBe(503);
  const text = await unavailable.text();
  expect(text).not.toContain('secret.internal');
  expect(JSON.parse(text)).toMatchObject({ error: { code: 'auth_backend_down' } });
});

test('a missing key surfaces at request time (never at import), as a 500 saying what to set', async () => {
  const saved = process.env.BILLINGOS_SECRET_KEY;
  delete process.env.BILLINGOS_SECRET_KEY;
  try {
    const route = createSessionRoute({ apiUrl: server.url }, new CookieAuth());
    const response = await route(asUser('user_cfg'));
    expect(response.status).toBe(500);
    expect(await body(response)).toMatchObject({ error: { code: 'missing_secret_key', message: expect.stringContaining('BILLINGOS_SECRET_KEY') } });
  } finally {
    if (saved !== undefined) process.env.BILLINGOS_SECRET_KEY = saved;
  }
});

test('without an AuthProvider, billing.createSessionRoute() answers 500 naming the fix', async () => {
  const billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url });
  const response = await billing.createSessionRoute()(asUser('user_none'));
  expect(response.status).toBe(500);
  expect(await body(response)).toMatchObject({ error: { code: 'missing_auth_provider' } });
});

test('a plugin registers the AuthProvider and a logging Transport in this instance only', async () => {
  const log: string[] = [];
  class LoggingTransport extends Transport {
    async send(request: Request): Promise<Response> {
      const response = await fetch(request);
      log.push(`${request.method} ${new URL(request.url).pathname} ${response.status}`);
      return response;
    }
  }
  const plugin: BillingOSPlugin = {
    register(container) {
      registerProvider(container, AuthProvider, new CookieAuth());
      container.register(tokenOf(Transport), { useClass: LoggingTransport });
    },
  };
  const billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url }).use(plugin);
  const other = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url });
  const response = await billing.createSessionRoute()(asUser('user_plugin'));
  expect(response.status).toBe(200);
  await other.customers.list();
  expect(log).toEqual(['POST /v1/session-tokens 201']);
});

test('createSessionHandler serves Express-style (req, res) with the cookie reaching the AuthProvider', async () => {
  const handler = createSessionHandler({ secretKey: server.secretKey, apiUrl: server.url }, new CookieAuth());
  const app = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/billingos-session`;
    const ok = await fetch(url, { headers: { cookie: 'theme=dark; session=user_node' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(await ok.json()).toEqual({ sessionToken: expect.any(String), expiresAt: expect.any(String) });
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
  } finally {
    app.closeAllConnections();
    await new Promise((resolve) => app.close(resolve));
  }
});

test('billing.createSessionHandler is the same route for Node', async () => {
  const billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url, authProvider: new CookieAuth() });
  let status = 0;
  let payload = '';
  const headers: Record<string, unknown> = {};
  await billing.createSessionHandler()(
    {
      method: 'GET',
      url: '/api/billingos-session',
      headers: { ':path': '/api/billingos-session', host: 'merchant.test', cookie: ['session=user_handler'] },
    },
    {
      set statusCode(value: number) {
        status = value;
      },
      get statusCode() {
        return status;
      },
      setHeader: (name, value) => (headers[name] = value),
      end: (text) => void (payload = text ?? ''),
    },
  );
  expect(status).toBe(200);
  expect(headers['cache-control']).toBe('no-store');
  expect(JSON.parse(payload)).toHaveProperty('sessionToken');
});
