import { startTestServer, type TestServer } from '@billingos/api/testing';
import { me } from './utils/billingos-me';
import { NextFixtureApp } from './utils/next-fixture-app';
import { SupabaseAuthServer } from './utils/supabase-auth-server';
import { signInWithCookies, type CookieJar } from './utils/supabase-cookies';

// The one-line route inside a real Next.js production build (`next build` + `next start`),
// Node and Edge runtimes, from the built package. `next build` runs without any env var:
// the route reads its configuration at the first request.
describe('Next.js App Router (next build + next start)', () => {
  let api: TestServer;
  let supabase: SupabaseAuthServer;
  let app: NextFixtureApp;
  let appUrl: string;
  let cookies: CookieJar;
  let userId: string;

  beforeAll(async () => {
    app = await NextFixtureApp.create();
    await app.build();
    [api, supabase] = await Promise.all([startTestServer(), SupabaseAuthServer.start()]);
    userId = supabase.createUser({ email: 'next@example.com', password: 'pw-next-123' }).id;
    cookies = await signInWithCookies(supabase, { email: 'next@example.com', password: 'pw-next-123' });
    appUrl = await app.start({
      NEXT_PUBLIC_SUPABASE_URL: supabase.url,
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: supabase.anonKey,
      BILLINGOS_SECRET_KEY: api.secretKey,
      BILLINGOS_API_URL: api.url,
    });
  }, 240_000);
  afterAll(async () => {
    await app?.dispose();
    await Promise.all([api?.close(), supabase?.close()]);
  });

  it.each(['/api/billingos-session', '/api/edge-session'])('%s: 401 without a session, a token for the cookie’s user with one', async (path) => {
    const anonymous = await fetch(`${appUrl}${path}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toContain('no-store');

    const response = await fetch(`${appUrl}${path}`, { headers: { cookie: cookies.header } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const { sessionToken } = (await response.json()) as { sessionToken: string };
    expect((await me(api.url, sessionToken)).body.externalUserId).toBe(userId);
  });
});
