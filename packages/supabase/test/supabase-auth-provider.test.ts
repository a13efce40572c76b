import { SupabaseAuthProvider, SupabaseUnavailableError } from '@billingos/supabase';
import { stringFromBase64URL } from '@supabase/ssr';
import { AuthSigningKey } from './utils/auth-signing-key';
import { withEditedClaims } from './utils/jwt-tampering';
import { SupabaseAuthServer } from './utils/supabase-auth-server';
import { editSessionCookie, renameCookies, signInAnonymouslyWithCookies, signInWithCookies, type CookieJar } from './utils/supabase-cookies';

const request = (headers: Record<string, string> = {}) => new Request('http://127.0.0.1/api/billingos-session', { headers });
const withCookies = (jar: CookieJar) => request({ cookie: jar.header });

describe('SupabaseAuthProvider (ES256 project: getClaims verifies locally)', () => {
  let supabase: SupabaseAuthServer;
  let provider: SupabaseAuthProvider;
  let ada: { id: string };
  let adaCookies: CookieJar;

  beforeAll(async () => {
    supabase = await SupabaseAuthServer.start();
    provider = new SupabaseAuthProvider({ supabaseUrl: supabase.url, supabaseKey: supabase.anonKey });
    ada = supabase.createUser({ email: 'ada@example.com', password: 'pw-ada-123' });
    adaCookies = await signInWithCookies(supabase, { email: 'ada@example.com', password: 'pw-ada-123' });
  });
  afterAll(() => supabase.close());

  it('reads the user from a base64- session cookie written by @supabase/ssr', async () => {
    expect(adaCookies.cookies[0]!.value).toMatch(/^base64-/);
    await expect(provider.authenticate(withCookies(adaCookies))).resolves.toEqual({ userId: ada.id });
  });

  it('reads a plain-JSON (cookieEncoding: raw) session cookie', async () => {
    const jar = await signInWithCookies(supabase, { email: 'ada@example.com', password: 'pw-ada-123', cookieEncoding: 'raw' });
    expect(jar.cookies[0]!.value.startsWith('{')).toBe(true);
    await expect(provider.authenticate(withCookies(jar))).resolves.toEqual({ userId: ada.id });
  });

  it('reads the cookies createBrowserClient writes', async () => {
    const jar = await signInWithCookies(supabase, { email: 'ada@example.com', password: 'pw-ada-123', client: 'browser' });
    await expect(provider.authenticate(withCookies(jar))).resolves.toEqual({ userId: ada.id });
  });

  it('reads a session chunked into .0/.1 cookies', async () => {
    const big = supabase.createUser({ email: 'big@example.com', password: 'pw-big-123', userMetadata: { bio: 'b'.repeat(6000) } });
    const jar = await signInWithCookies(supabase, { email: 'big@example.com', password: 'pw-big-123' });
    expect(jar.cookies.length).toBeGreaterThan(1);
    expect(jar.cookies.map((cookie) => cookie.name)).toContain('sb-127-auth-token.1');
    await expect(provider.authenticate(withCookies(jar))).resolves.toEqual({ userId: big.id });
  });

  it('reads an Authorization: Bearer access token (SPAs, mobile)', async () => {
    const token = await supabase.signAccessToken(supabase.createUser({ email: 'spa@example.com', password: 'pw-spa-123' }));
    const user = await provider.getUser(request({ authorization: `Bearer ${token}` }));
    expect(user?.email).toBe('spa@example.com');
  });

  it('verifies locally against the JWKS: no /auth/v1/user round trip per request', async () => {
    const lookups = supabase.calls.userLookups;
    for (let i = 0; i < 3; i += 1) await provider.authenticate(withCookies(adaCookies));
    expect(supabase.calls.userLookups).toBe(lookups);
  });

  it('accepts the auth cookie of any project ref (browser reached the project via another host)', async () => {
    const jar = renameCookies(adaCookies, 'sb-127-', 'sb-localhost-');
    await expect(provider.authenticate(withCookies(jar))).resolves.toEqual({ userId: ada.id });
  });

  it('refuses an anonymous user (is_anonymous in the verified claims) by default, before extractUserId; getUser() still shows them', async () => {
    const jar = await signInAnonymouslyWithCookies(supabase);
    const extractUserId = jest.fn((_request: Request, user: { id: string }) => user.id);
    const strict = new SupabaseAuthProvider({ supabaseUrl: supabase.url, supabaseKey: supabase.anonKey, extractUserId });
    await expect(strict.authenticate(withCookies(jar))).resolves.toBeNull();
    expect(extractUserId).not.toHaveBeenCalled();
    const user = await strict.getUser(withCookies(jar));
    expect(user).toMatchObject({ isAnonymous: true, email: undefined, claims: expect.objectContaining({ is_anonymous: true }) });

    const open = new SupabaseAuthProvider({ supabaseUrl: supabase.url, supabaseKey: supabase.anonKey, allowAnonymous: true });
    await expect(open.authenticate(withCookies(jar))).resolves.toEqual({ userId: user!.id });
  });

  it('allowAnonymous: false (the default) leaves permanent users alone', async () => {
    const strict = new SupabaseAuthProvider({ supabaseUrl: supabase.url, supabaseKey: supabase.anonKey, allowAnonymous: false });
    await expect(strict.authenticate(withCookies(adaCookies))).resolves.toEqual({ userId: ada.id });
  });

  it('returns null when nobody is logged in', async () => {
    await expect(provider.authenticate(request())).resolves.toBeNull();
    await expect(provider.authenticate(request({ cookie: 'theme=dark; other=1' }))).resolves.toBeNull();
  });

  it('returns null for an expired access token, without refreshing the session', async () => {
    supabase.accessTokenTtl = -10;
    const jar = await signInWithCookies(supabase, { email: 'ada@example.com', password: 'pw-ada-123' }).finally(() => {
      supabase.accessTokenTtl = 3600;
    });
    const refreshes = supabase.calls.refreshGrants;
    await expect(provider.authenticate(withCookies(jar))).resolves.toBeNull();
    expect(supabase.calls.refreshGrants).toBe(refreshes);
  });

  it('serves concurrent requests of a session about to expire without refreshing it (no sign-out)', async () => {
    supabase.accessTokenTtl = 30; // inside supabase-js's 90 s "refresh now" margin
    const jar = await signInWithCookies(supabase, { email: 'ada@example.com', password: 'pw-ada-123' }).finally(() => {
      supabase.accessTokenTtl = 3600;
    });
    const refreshes = supabase.calls.refreshGrants;
    const results = await Promise.all(Array.from({ length: 8 }, () => provider.authenticate(withCookies(jar))));
    expect(results).toEqual(Array.from({ length: 8 }, () => ({ userId: ada.id })));
    expect(supabase.calls.refreshGrants).toBe(refreshes);
  });

  it('returns null for a JWT signed with another key, even one naming the project key id', async () => {
    const user = supabase.createUser({ email: 'eve@example.com', password: 'pw-eve-123' });
    const keys = [
      await AuthSigningKey.create('ES256', supabase.keyId),
      await AuthSigningKey.create('ES256'),
      await AuthSigningKey.create('HS256', supabase.keyId),
    ];
    for (const key of keys) {
      const forged = await supabase.signAccessToken(user, { signingKey: key });
      await expect(provider.authenticate(request({ authorization: `Bearer ${forged}` }))).resolves.toBeNull();
    }
  });

  it('returns null for a cookie whose JWT was edited to name another user', async () => {
    const victim = supabase.createUser({ email: 'victim@example.com', password: 'pw-victim-1' });
    const jar = editSessionCookie(adaCookies, (session) => ({ ...session, access_token: withEditedClaims(session.access_token, { sub: victim.id }) }));
    await expect(provider.authenticate(withCookies(jar))).resolves.toBeNull();
  });

  it('returns null for a cookie that does not decode', async () => {
    await expect(provider.authenticate(request({ cookie: 'sb-127-auth-token=base64-!!!notbase64' }))).resolves.toBeNull();
  });

  it('reports Supabase Auth being unreachable as SupabaseUnavailableError, not as a logout', async () => {
    const offline = new SupabaseAuthProvider({ supabaseUrl: 'http://127.0.0.1:9', supabaseKey: supabase.anonKey, verification: 'user' });
    await expect(offline.authenticate(withCookies(adaCookies))).rejects.toBeInstanceOf(SupabaseUnavailableError);
  });

  it("verification: 'user' refuses a signed-out session before its access token expires", async () => {
    const jar = await signInWithCookies(supabase, { email: 'ada@example.com', password: 'pw-ada-123' });
    const strict = new SupabaseAuthProvider({ supabaseUrl: supabase.url, supabaseKey: supabase.anonKey, verification: 'user' });
    await expect(strict.authenticate(withCookies(jar))).resolves.toEqual({ userId: ada.id });
    await fetch(`${supabase.url}/auth/v1/logout?scope=global`, {
      method: 'POST',
      headers: { apikey: supabase.anonKey, authorization: `Bearer ${tokenOf(jar)}` },
    });
    await expect(provider.authenticate(withCookies(jar))).resolves.toEqual({ userId: ada.id }); // 'claims': until expiry
    await expect(strict.authenticate(withCookies(jar))).resolves.toBeNull();
  });
});

describe('SupabaseAuthProvider (HS256 project: verified by Supabase Auth)', () => {
  let supabase: SupabaseAuthServer;
  beforeAll(async () => {
    supabase = await SupabaseAuthServer.start({ algorithm: 'HS256' });
  });
  afterAll(() => supabase.close());

  it('refuses an anonymous user unless allowAnonymous: true', async () => {
    const jar = await signInAnonymouslyWithCookies(supabase);
    const options = { supabaseUrl: supabase.url, supabaseKey: supabase.anonKey };
    await expect(new SupabaseAuthProvider(options).authenticate(withCookies(jar))).resolves.toBeNull();
    await expect(new SupabaseAuthProvider({ ...options, allowAnonymous: true }).authenticate(withCookies(jar))).resolves.toMatchObject({ userId: expect.any(String) });
  });

  it('verifies the cookie session through /auth/v1/user', async () => {
    const user = supabase.createUser({ email: 'hs@example.com', password: 'pw-hs-1234' });
    const jar = await signInWithCookies(supabase, { email: 'hs@example.com', password: 'pw-hs-1234' });
    const provider = new SupabaseAuthProvider({ supabaseUrl: supabase.url, supabaseKey: supabase.anonKey });
    const lookups = supabase.calls.userLookups;
    await expect(provider.authenticate(withCookies(jar))).resolves.toEqual({ userId: user.id });
    expect(supabase.calls.userLookups).toBe(lookups + 1);
  });
});

function tokenOf(jar: CookieJar): string {
  return (JSON.parse(stringFromBase64URL(jar.cookies[0]!.value.slice('base64-'.length))) as { access_token: string }).access_token;
}
