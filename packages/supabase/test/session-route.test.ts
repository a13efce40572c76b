import { startTestServer, type TestServer } from '@billingos/api/testing';
import { BillingOS } from '@billingos/node';
import { billingos, createSessionRoute, organizationFromAppMetadata, organizationFromRequest } from '@billingos/supabase';
import { AuthSigningKey } from './utils/auth-signing-key';
import { me } from './utils/billingos-me';
import { withEditedClaims } from './utils/jwt-tampering';
import { SupabaseAuthServer } from './utils/supabase-auth-server';
import type { AuthUser } from './utils/auth-user-store';
import { editSessionCookie, sessionOf, signInAnonymouslyWithCookies, signInWithCookies, type CookieJar } from './utils/supabase-cookies';

const URL_PATH = 'http://127.0.0.1:3000/api/billingos-session';

describe('billingos.createSessionRoute() — App Router / fetch handlers, real Supabase cookies, real BillingOS API', () => {
  let api: TestServer;
  let supabase: SupabaseAuthServer;
  let route: (request: Request) => Promise<Response>;
  let ada: AuthUser;
  let bob: AuthUser;
  let adaCookies: CookieJar;

  const config = () => ({ supabaseUrl: supabase.url, supabaseKey: supabase.anonKey, secretKey: api.secretKey, apiUrl: api.url });
  const get = (headers: Record<string, string> = {}, init: RequestInit = {}) => route(new Request(URL_PATH, { headers, ...init }));
  const json = async (response: Response) => (await response.json()) as Record<string, any>;

  beforeAll(async () => {
    [api, supabase] = await Promise.all([startTestServer(), SupabaseAuthServer.start()]);
    route = billingos.createSessionRoute(config());
    ada = supabase.createUser({ email: 'ada@example.com', password: 'pw-ada-123', appMetadata: { organizations: ['org_acme'], org_id: 'org_acme' } });
    bob = supabase.createUser({ email: 'bob@example.com', password: 'pw-bob-123' });
    adaCookies = await signInWithCookies(supabase, { email: 'ada@example.com', password: 'pw-ada-123' });
  }, 60_000);
  afterAll(() => Promise.all([api.close(), supabase.close()]));

  it('mints a session token for the user of a signed-in cookie, which /v1/me accepts as that user', async () => {
    const response = await get({ cookie: adaCookies.header });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await json(response);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const customer = await me(api.url, body.sessionToken);
    expect(customer).toMatchObject({ status: 200, body: { externalUserId: ada.id } });
  });

  it('reads a chunked (.0/.1) session cookie', async () => {
    const carol = supabase.createUser({ email: 'carol@example.com', password: 'pw-carol-1', userMetadata: { avatar: 'c'.repeat(6000) } });
    const jar = await signInWithCookies(supabase, { email: 'carol@example.com', password: 'pw-carol-1' });
    expect(jar.cookies.map((cookie) => cookie.name)).toEqual(expect.arrayContaining(['sb-127-auth-token.0', 'sb-127-auth-token.1']));
    const body = await json(await get({ cookie: jar.header }));
    expect((await me(api.url, body.sessionToken)).body.externalUserId).toBe(carol.id);
  });

  it('reads an Authorization: Bearer Supabase access token', async () => {
    const response = await get({ authorization: `Bearer ${await supabase.signAccessToken(bob)}` });
    expect(response.status).toBe(200);
    expect((await me(api.url, (await json(response)).sessionToken)).body.externalUserId).toBe(bob.id);
  });

  it('keeps users apart: each token opens only its own customer', async () => {
    const adaToken = (await json(await get({ cookie: adaCookies.header }))).sessionToken;
    const bobToken = (await json(await get({ authorization: `Bearer ${await supabase.signAccessToken(bob)}` }))).sessionToken;
    const [adaMe, bobMe] = await Promise.all([me(api.url, adaToken), me(api.url, bobToken)]);
    expect(adaMe.body.externalUserId).toBe(ada.id);
    expect(bobMe.body.externalUserId).toBe(bob.id);
    expect(adaMe.body.id).not.toBe(bobMe.body.id);
  });

  it('answers 401 JSON when nobody is logged in', async () => {
    const response = await get({ cookie: 'theme=dark' });
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await json(response)).toEqual({ error: expect.objectContaining({ type: 'authentication_error', code: 'not_authenticated' }) });
  });

  it('answers 401 for an expired access token', async () => {
    const expired = await supabase.signAccessToken(ada, { expiresIn: -60 });
    expect((await get({ authorization: `Bearer ${expired}` })).status).toBe(401);
  });

  it('answers 401 for a JWT signed with another key', async () => {
    const forged = await supabase.signAccessToken(ada, { signingKey: await AuthSigningKey.create('ES256', supabase.keyId) });
    expect((await get({ authorization: `Bearer ${forged}` })).status).toBe(401);
  });

  it('answers 401 for a cookie whose JWT was edited to name another user', async () => {
    const jar = editSessionCookie(adaCookies, (session) => ({ ...session, access_token: withEditedClaims(session.access_token, { sub: bob.id }) }));
    expect((await get({ cookie: jar.header })).status).toBe(401);
  });

  it('answers POST like GET, and 405 to other methods', async () => {
    expect((await get({ cookie: adaCookies.header }, { method: 'POST' })).status).toBe(200);
    const put = await get({ cookie: adaCookies.header }, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect(put.headers.get('cache-control')).toBe('no-store');
  });

  it('applies expiresIn and extractUserId', async () => {
    const custom = createSessionRoute({ ...config(), expiresIn: 600, extractUserId: (_request, user) => `supabase:${user.email}` });
    const body = await json(await custom(new Request(URL_PATH, { headers: { cookie: adaCookies.header } })));
    expect(new Date(body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(600_000);
    expect(new Date(body.expiresAt).getTime() - Date.now()).toBeGreaterThan(540_000);
    expect((await me(api.url, body.sessionToken)).body.externalUserId).toBe('supabase:ada@example.com');
  });

  describe('anonymous users (signInAnonymously)', () => {
    const customersOf = async (externalUserId: string) =>
      (await new BillingOS({ secretKey: api.secretKey, apiUrl: api.url, maxRetries: 0 }).customers.list({ externalUserId })).data;

    it('are answered as a signed-out visitor by default: the same 401, and no token or BillingOS customer is made', async () => {
      const jar = await signInAnonymouslyWithCookies(supabase);
      const { user } = sessionOf(jar);
      expect(user.is_anonymous).toBe(true);
      const signedOut = await get({ cookie: 'theme=dark' });
      const response = await get({ cookie: jar.header });
      expect(response.status).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await json(response)).toEqual(await json(signedOut));
      expect(await customersOf(user.id)).toEqual([]);
    });

    it('are refused as a bearer token too, and when verified by Supabase Auth (verification: user)', async () => {
      const anonymous = supabase.createAnonymousUser();
      const bearer = { authorization: `Bearer ${await supabase.signAccessToken(anonymous)}` };
      expect((await get(bearer)).status).toBe(401);
      const strict = createSessionRoute({ ...config(), verification: 'user' });
      expect((await strict(new Request(URL_PATH, { headers: bearer }))).status).toBe(401);
      expect(await customersOf(anonymous.id)).toEqual([]);
    });

    it('get a session token for their own customer with allowAnonymous: true', async () => {
      const jar = await signInAnonymouslyWithCookies(supabase);
      const { user } = sessionOf(jar);
      const open = createSessionRoute({ ...config(), allowAnonymous: true });
      const response = await open(new Request(URL_PATH, { headers: { cookie: jar.header } }));
      expect(response.status).toBe(200);
      expect((await me(api.url, (await json(response)).sessionToken)).body.externalUserId).toBe(user.id);
      // Permanent users are served as before.
      expect((await open(new Request(URL_PATH, { headers: { cookie: adaCookies.header } }))).status).toBe(200);
    });
  });

  describe('B2B', () => {
    it('bills the organization named in a header when app_metadata lists the user as a member', async () => {
      const b2b = createSessionRoute({ ...config(), extractOrganizationId: organizationFromRequest() });
      const response = await b2b(new Request(URL_PATH, { headers: { cookie: adaCookies.header, 'x-organization-id': 'org_acme' } }));
      expect(response.status).toBe(200);
      const customer = (await me(api.url, (await json(response)).sessionToken)).body;
      // The organization's own customer, shared by its members (not one per member).
      expect(customer).toMatchObject({ externalUserId: null, externalOrganizationId: 'org_acme' });
    });

    it('answers 403 for an organization the user does not belong to', async () => {
      const b2b = createSessionRoute({ ...config(), extractOrganizationId: organizationFromRequest() });
      const response = await b2b(new Request(`${URL_PATH}?organizationId=org_evil`, { headers: { cookie: adaCookies.header } }));
      expect(response.status).toBe(403);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect((await json(response)).error).toMatchObject({ type: 'permission_error', code: 'organization_access_denied' });
    });

    it('reads a single organization from app_metadata', async () => {
      const b2b = createSessionRoute({ ...config(), extractOrganizationId: organizationFromAppMetadata('org_id') });
      const body = await json(await b2b(new Request(URL_PATH, { headers: { cookie: adaCookies.header } })));
      expect((await me(api.url, body.sessionToken)).body.externalOrganizationId).toBe('org_acme');
    });
  });

  it('answers 503 (not 401) when Supabase Auth is unreachable', async () => {
    const offline = createSessionRoute({ ...config(), supabaseUrl: 'http://127.0.0.1:9', verification: 'user' });
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await offline(new Request(URL_PATH, { headers: { cookie: adaCookies.header } }));
    error.mockRestore();
    expect(response.status).toBe(503);
    expect((await json(response)).error.code).toBe('supabase_unavailable');
  });

  it('re-throws a Next.js prerender signal from extractUserId / extractOrganizationId untouched and logs nothing', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const bailout = Object.assign(new Error('Dynamic server usage: cookies'), { digest: 'DYNAMIC_SERVER_USAGE' });
      const redirect = Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/login;307;' });
      const byUser = createSessionRoute({ ...config(), extractUserId: () => Promise.reject(bailout) });
      await expect(byUser(new Request(URL_PATH, { headers: { cookie: adaCookies.header } }))).rejects.toBe(bailout);
      const byOrganization = createSessionRoute({ ...config(), extractOrganizationId: () => Promise.reject(redirect) });
      await expect(byOrganization(new Request(URL_PATH, { headers: { cookie: adaCookies.header } }))).rejects.toBe(redirect);
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });

  it('answers 502 with a generic body when BillingOS is unreachable, and logs the URL it tried', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const unreachable = createSessionRoute({ ...config(), apiUrl: 'http://127.0.0.1:9' });
      const response = await unreachable(new Request(URL_PATH, { headers: { cookie: adaCookies.header } }));
      expect(response.status).toBe(502);
      const text = await response.text();
      expect(text).not.toContain('127.0.0.1');
      expect(JSON.parse(text).error.message).toBe('BillingOS could not be reached.');
      expect(log.mock.calls.flat().join(' ')).toMatch(/http:\/\/127\.0\.0\.1:9\/v1\/session-tokens.*BILLINGOS_API_URL/);
    } finally {
      log.mockRestore();
    }
  }, 20_000);
});
