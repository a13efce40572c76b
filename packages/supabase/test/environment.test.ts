import { startTestServer, type TestServer } from '@billingos/api/testing';
import { billingos, MissingEnvironmentError, SupabaseAuthProvider } from '@billingos/supabase';
import { me } from './utils/billingos-me';
import { SupabaseAuthServer } from './utils/supabase-auth-server';
import { signInWithCookies, type CookieJar } from './utils/supabase-cookies';

const VARIABLES = [
  'NEXT_PUBLIC_SUPABASE_URL',
  'SUPABASE_URL',
  'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY',
  'NEXT_PUBLIC_SUPABASE_ANON_KEY',
  'SUPABASE_PUBLISHABLE_KEY',
  'SUPABASE_ANON_KEY',
  'BILLINGOS_SECRET_KEY',
  'BILLINGOS_API_URL',
];
const request = (cookie = '') => new Request('http://127.0.0.1:3000/api/billingos-session', { headers: { cookie } });

describe('zero configuration from the environment', () => {
  let api: TestServer;
  let supabase: SupabaseAuthServer;
  let cookies: CookieJar;
  let userId: string;
  let logged: jest.SpyInstance;

  beforeAll(async () => {
    [api, supabase] = await Promise.all([startTestServer(), SupabaseAuthServer.start()]);
    userId = supabase.createUser({ email: 'env@example.com', password: 'pw-env-123' }).id;
    cookies = await signInWithCookies(supabase, { email: 'env@example.com', password: 'pw-env-123' });
  }, 60_000);
  afterAll(() => Promise.all([api.close(), supabase.close()]));
  beforeEach(() => {
    for (const name of VARIABLES) delete process.env[name];
    logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('runs on the Next.js variable names, read at the first request rather than at import', async () => {
    const route = billingos.createSessionRoute(); // module scope in a real app: env not needed yet
    Object.assign(process.env, {
      NEXT_PUBLIC_SUPABASE_URL: supabase.url,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: supabase.anonKey,
      BILLINGOS_SECRET_KEY: api.secretKey,
      BILLINGOS_API_URL: api.url,
    });
    const response = await route(request(cookies.header));
    expect(response.status).toBe(200);
    const { sessionToken } = (await response.json()) as { sessionToken: string };
    expect((await me(api.url, sessionToken)).body.externalUserId).toBe(userId);
  });

  it('runs on the Supabase Edge Functions names (SUPABASE_URL, SUPABASE_ANON_KEY) and the publishable key name', async () => {
    Object.assign(process.env, { SUPABASE_URL: supabase.url, SUPABASE_ANON_KEY: 'wrong-key', NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: supabase.anonKey });
    Object.assign(process.env, { BILLINGOS_SECRET_KEY: api.secretKey, BILLINGOS_API_URL: api.url });
    expect((await billingos.createSessionRoute()(request(cookies.header))).status).toBe(200);
  });

  it('names every missing variable in one server log line; the response only says "misconfigured"', async () => {
    const route = billingos.createSessionRoute();
    const response = await route(request(cookies.header));
    expect(response.status).toBe(500);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'route_misconfigured' } });
    expect(body).not.toMatch(/SUPABASE|BILLINGOS_SECRET_KEY/);
    expect(logged).toHaveBeenCalledTimes(1);
    const message = String(logged.mock.calls[0]?.[0]);
    for (const name of ['NEXT_PUBLIC_SUPABASE_URL', 'SUPABASE_URL', 'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY', 'SUPABASE_ANON_KEY', 'BILLINGOS_SECRET_KEY']) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('BILLINGOS_API_URL'); // optional: defaults to the BillingOS cloud
  });

  it('names only what is missing, and recovers once it is set', async () => {
    Object.assign(process.env, { SUPABASE_URL: supabase.url, SUPABASE_ANON_KEY: supabase.anonKey, BILLINGOS_API_URL: api.url });
    const route = billingos.createSessionRoute();
    expect((await route(request(cookies.header))).status).toBe(500);
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/Missing:\n {2}- the BillingOS secret key: set BILLINGOS_SECRET_KEY \(or pass `secretKey`\)$/);
    process.env.BILLINGOS_SECRET_KEY = api.secretKey;
    expect((await route(request(cookies.header))).status).toBe(200);
  });

  it('treats a malformed secret key as misconfiguration, without echoing it', async () => {
    Object.assign(process.env, { SUPABASE_URL: supabase.url, SUPABASE_ANON_KEY: supabase.anonKey, BILLINGOS_SECRET_KEY: api.publishableKey });
    const response = await billingos.createSessionRoute()(request(cookies.header));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain(api.publishableKey);
    expect(logged).toHaveBeenCalled();
  });

  it('SupabaseAuthProvider throws MissingEnvironmentError listing the Supabase variables', async () => {
    const error = await new SupabaseAuthProvider().authenticate(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingEnvironmentError);
    expect((error as MissingEnvironmentError).missing).toEqual(['NEXT_PUBLIC_SUPABASE_URL', 'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY']);
  });
});
