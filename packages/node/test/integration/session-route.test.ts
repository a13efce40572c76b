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
afterEach(() => {
  proxy.reset();
  jest.restoreAllMocks();
});

const MISCONFIGURED = {
  error: { type: 'api_error', code: 'route_misconfigured', message: 'The billing session route is misconfigured; the server log says what to fix.' },
};

/** Everything `console.error` was called with, as one string. */
function logged(log: jest.SpyInstance): string {
  return log.mock.calls.map((args) => args.map((arg: unknown) => (arg instanceof Error ? arg.message : String(arg))).join(' ')).join('\n');
}
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

test('BillingOS refusing (wrong key) → 502 JSON with the request id and nothing secret; the log says to check the key', async () => {
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const wrongKey = 'sk_test_wrongwrongwrongwrong';
  const route = createSessionRoute({ secretKey: wrongKey, apiUrl: server.url }, new CookieAuth());
  const response = await route(asUser('user_x'));
  expect(response.status).toBe(502);
  const text = await response.text();
  expect(text).not.toContain(wrongKey);
  expect(JSON.parse(text)).toMatchObject({ error: { type: 'api_error', requestId: expect.stringMatching(/^req_/) } });
  expect(text).not.toMatch(/authentication|secret/i);
  expect(logged(log)).toMatch(/refused the secret key.*BILLINGOS_SECRET_KEY/);
});

test('BillingOS unreachable → 502 connection_error JSON, and the log names the URL it tried', async () => {
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const billing = new BillingOS({ secretKey: server.secretKey, apiUrl: 'http://127.0.0.1:9', maxRetries: 0 });
  const response = await createSessionRoute({ billingos: billing }, new CookieAuth())(asUser('user_y'));
  expect(response.status).toBe(502);
  const text = await response.text();
  expect(text).not.toContain('127.0.0.1');
  expect(JSON.parse(text)).toEqual({ error: { type: 'connection_error', code: 'connection_failed', message: 'BillingOS could not be reached.' } });
  expect(logged(log)).toMatch(/http:\/\/127\.0\.0\.1:9\/v1\/session-tokens.*BILLINGOS_API_URL/);
});

test('rate limited → 429 with Retry-After passed on', async () => {
  proxy.inject({ kind: 'respond', status: 429, headers: { 'retry-after': '600' }, body: { error: { type: 'rate_limit_error', code: 'rate_limited', message: 'x', requestId: 'req_rl' } } });
  const route = createSessionRoute({ secretKey: server.secretKey, apiUrl: proxy.url }, new CookieAuth());
  const response = await route(asUser('user_rl'));
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after')).toBe('600');
  expect(await body(response)).toMatchObject({ error: { requestId: 'req_rl' } });
});

test('an AuthProvider that throws → 500 without its message (which goes to the server log)', async () => {
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const route = createSessionRoute({ secretKey: server.secretKey, apiUrl: server.url }, () => {
    throw new Error('database password is hunter2');
  });
  const response = await route(asUser('user_z'));
  expect(response.status).toBe(500);
  const text = await response.text();
  expect(text).not.toContain('hunter2');
  expect(JSON.parse(text)).toMatchObject({ error: { code: 'auth_provider_failed' } });
  expect(logged(log)).toContain('hunter2');
});

test('a BillingOSError with a 4xx status from extractOrganizationId is passed on (403), a 5xx keeps only its status', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
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

test('a missing key surfaces at request time (never at import): 500 with a generic body, the fix in the server log', async () => {
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const saved = process.env.BILLINGOS_SECRET_KEY;
  delete process.env.BILLINGOS_SECRET_KEY;
  try {
    const route = createSessionRoute({ apiUrl: server.url }, new CookieAuth());
    const response = await route(asUser('user_cfg'));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual(MISCONFIGURED);
    expect(text).not.toMatch(/BILLINGOS_|secret|key/i);
    expect(logged(log)).toContain('BILLINGOS_SECRET_KEY');
  } finally {
    if (saved !== undefined) process.env.BILLINGOS_SECRET_KEY = saved;
  }
});

test('no API URL and the default host unreachable: 502 generic, the log names the URL it tried', async () => {
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const fetchMock = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND') }));
  const saved = process.env.BILLINGOS_API_URL;
  delete process.env.BILLINGOS_API_URL;
  try {
    const billing = new BillingOS({ secretKey: server.secretKey, maxRetries: 0 });
    const response = await createSessionRoute({ billingos: billing }, new CookieAuth())(asUser('user_nourl'));
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text).not.toContain('billingos.dev');
    expect(JSON.parse(text)).toMatchObject({ error: { message: 'BillingOS could not be reached.' } });
    expect(logged(log)).toMatch(/https:\/\/api\.billingos\.dev\/v1\/session-tokens.*ENOTFOUND.*BILLINGOS_API_URL/);
  } finally {
    fetchMock.mockRestore();
    if (saved !== undefined) process.env.BILLINGOS_API_URL = saved;
  }
});

test('without an AuthProvider, billing.createSessionRoute() answers a generic 500 and logs the fix', async () => {
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url });
  const response = await billing.createSessionRoute()(asUser('user_none'));
  expect(response.status).toBe(500);
  expect(await body(response)).toEqual(MISCONFIGURED);
  expect(logged(log)).toContain('authProvider');
});

describe('framework control flow thrown while finding the user is re-thrown untouched, and nothing is logged', () => {
  const signals: Array<[string, () => object]> = [
    ['Next 16 prerender bail-out (dynamic usage)', () => Object.assign(new Error('Route /api/billingos-session couldn\'t be rendered statically because it used `cookies`.'), { digest: 'DYNAMIC_SERVER_USAGE' })],
    ['Next postpone (PPR)', () => new Error('Route /api/billingos-session needs to bail out of prerendering at this point because it used cookies(). React throws this special object to indicate where. It should not be caught by your own try/catch. Learn more: https://nextjs.org/docs/messages/ppr-caught-error')],
    ['React postpone object', () => ({ $$typeof: Symbol.for('react.postpone'), message: 'postponed' })],
    ['prerender interrupted', () => Object.assign(new Error('interrupted'), { digest: 'NEXT_PRERENDER_INTERRUPTED' })],
    ['hanging request promise', () => Object.assign(new Error('During prerendering, cookies() rejects when the prerender is complete.'), { digest: 'HANGING_PROMISE_REJECTION' })],
    ['redirect()', () => Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/login;307;' })],
    ['notFound() (Next 15+)', () => Object.assign(new Error('NEXT_HTTP_ERROR_FALLBACK;404'), { digest: 'NEXT_HTTP_ERROR_FALLBACK;404' })],
    ['notFound() (Next 14)', () => Object.assign(new Error('NEXT_NOT_FOUND'), { digest: 'NEXT_NOT_FOUND' })],
    ['bail out to client-side rendering', () => Object.assign(new Error('Bail out'), { digest: 'BAILOUT_TO_CLIENT_SIDE_RENDERING' })],
  ];

  test.each(signals)('%s from extractUser', async (_, make) => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const signal = make();
    const route = createSessionRoute({ secretKey: server.secretKey, apiUrl: proxy.url }, () => {
      throw signal;
    });
    await expect(route(asUser('user_prerender'))).rejects.toBe(signal);
    expect(log).not.toHaveBeenCalled();
    expect(proxy.requests).toHaveLength(0);
  });

  test.each(signals)('%s from extractOrganizationId (and from the Node handler)', async (_, make) => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const signal = make();
    const config = {
      secretKey: server.secretKey,
      apiUrl: proxy.url,
      extractOrganizationId: async () => {
        throw signal;
      },
    };
    await expect(createSessionRoute(config, new CookieAuth())(asUser('user_prerender'))).rejects.toBe(signal);
    const res = { statusCode: 0, setHeader: () => undefined, end: () => undefined };
    await expect(createSessionHandler(config, new CookieAuth())({ headers: { cookie: 'session=u' } }, res)).rejects.toBe(signal);
    expect(log).not.toHaveBeenCalled();
  });

  test('an ordinary error whose message merely mentions prerendering is still a logged 500', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const route = createSessionRoute({ secretKey: server.secretKey, apiUrl: proxy.url }, () => {
      throw Object.assign(new Error('needs to bail out of prerendering'), { digest: 'MY_APP_ERROR' });
    });
    const response = await route(asUser('user_plain'));
    expect(response.status).toBe(500);
    expect(log).toHaveBeenCalledTimes(1);
  });
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
