import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { billingos } from '@billingos/supabase';
import type { AuthUser } from './utils/auth-user-store';
import { me } from './utils/billingos-me';
import { SupabaseAuthServer } from './utils/supabase-auth-server';
import { sessionOf, signInAnonymouslyWithCookies, signInWithCookies, type CookieJar } from './utils/supabase-cookies';

describe('billingos.createSessionHandler() — Pages Router (req, res) through a real node:http server', () => {
  let api: TestServer;
  let supabase: SupabaseAuthServer;
  let server: Server;
  let routeUrl: string;
  let ada: AuthUser;
  let adaCookies: CookieJar;

  beforeAll(async () => {
    [api, supabase] = await Promise.all([startTestServer(), SupabaseAuthServer.start()]);
    const handler = billingos.createSessionHandler({ supabaseUrl: supabase.url, supabaseKey: supabase.anonKey, secretKey: api.secretKey, apiUrl: api.url });
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    routeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/billingos-session`;
    ada = supabase.createUser({ email: 'ada@example.com', password: 'pw-ada-123' });
    adaCookies = await signInWithCookies(supabase, { email: 'ada@example.com', password: 'pw-ada-123' });
  }, 60_000);
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await Promise.all([api.close(), supabase.close()]);
  });

  it('mints a token for the cookie’s user that /v1/me accepts as that user', async () => {
    const response = await fetch(routeUrl, { headers: { cookie: adaCookies.header } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { sessionToken } = (await response.json()) as { sessionToken: string };
    expect((await me(api.url, sessionToken)).body.externalUserId).toBe(ada.id);
  });

  it('answers POST with a body like GET', async () => {
    const response = await fetch(routeUrl, { method: 'POST', headers: { cookie: adaCookies.header, 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(200);
  });

  it('answers 401 JSON, no-store, when nobody is logged in', async () => {
    const response = await fetch(routeUrl);
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ error: { type: 'authentication_error', code: 'not_authenticated' } });
  });

  it('answers an anonymous Supabase user like a visitor (401), unless allowAnonymous: true', async () => {
    const jar = await signInAnonymouslyWithCookies(supabase);
    const refused = await fetch(routeUrl, { headers: { cookie: jar.header } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { type: 'authentication_error', code: 'not_authenticated' } });

    const handler = billingos.createSessionHandler({ supabaseUrl: supabase.url, supabaseKey: supabase.anonKey, secretKey: api.secretKey, apiUrl: api.url, allowAnonymous: true });
    const open = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => open.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(open.address() as AddressInfo).port}/api/billingos-session`, { headers: { cookie: jar.header } });
      expect(response.status).toBe(200);
      const { sessionToken } = (await response.json()) as { sessionToken: string };
      expect((await me(api.url, sessionToken)).body.externalUserId).toBe(sessionOf(jar).user.id);
    } finally {
      open.closeAllConnections();
      await new Promise((resolve) => open.close(resolve));
    }
  });

  it('never sets or clears a cookie, even for an expired session', async () => {
    supabase.accessTokenTtl = -5;
    const expired = await signInWithCookies(supabase, { email: 'ada@example.com', password: 'pw-ada-123' }).finally(() => {
      supabase.accessTokenTtl = 3600;
    });
    const responses = await Promise.all([fetch(routeUrl, { headers: { cookie: expired.header } }), fetch(routeUrl, { headers: { cookie: adaCookies.header } })]);
    expect(responses.map((response) => response.status)).toEqual([401, 200]);
    expect(responses.map((response) => response.headers.get('set-cookie'))).toEqual([null, null]);
  });
});
