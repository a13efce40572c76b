import { BillingOS } from '@billingos/node';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { supabasePlugin } from '@billingos/supabase';
import { me } from './utils/billingos-me';
import { SupabaseAuthServer } from './utils/supabase-auth-server';
import { signInWithCookies } from './utils/supabase-cookies';

describe('supabasePlugin() in new BillingOS().use(...)', () => {
  let api: TestServer;
  let supabase: SupabaseAuthServer;
  beforeAll(async () => {
    [api, supabase] = await Promise.all([startTestServer(), SupabaseAuthServer.start()]);
  }, 60_000);
  afterAll(() => Promise.all([api.close(), supabase.close()]));

  it('gives BillingOS#createSessionRoute() the verified Supabase user', async () => {
    const user = supabase.createUser({ email: 'plug@example.com', password: 'pw-plug-12' });
    const cookies = await signInWithCookies(supabase, { email: 'plug@example.com', password: 'pw-plug-12' });
    const billing = new BillingOS({ secretKey: api.secretKey, apiUrl: api.url }).use(supabasePlugin({ supabaseUrl: supabase.url, supabaseKey: supabase.anonKey }));
    const route = billing.createSessionRoute({ expiresIn: 300 });

    const anonymous = await route(new Request('http://127.0.0.1/api/billingos-session'));
    expect(anonymous.status).toBe(401);
    const response = await route(new Request('http://127.0.0.1/api/billingos-session', { headers: { cookie: cookies.header } }));
    expect(response.status).toBe(200);
    const { sessionToken } = (await response.json()) as { sessionToken: string };
    expect((await me(api.url, sessionToken)).body.externalUserId).toBe(user.id);
  });
});
