import { SupabaseAuthProvider } from '@billingos/supabase';
import { SupabaseAuthServer } from './utils/supabase-auth-server';

// supabase-js caches JWKS per storage key, and its default storage key is derived from the
// first label of the host only: two projects on one host (or on `auth.a.com` / `auth.b.com`)
// would share keys. The provider must still only accept tokens of its own project.
describe('two Supabase projects in one process', () => {
  let projectA: SupabaseAuthServer;
  let projectB: SupabaseAuthServer;
  beforeAll(async () => {
    [projectA, projectB] = await Promise.all([SupabaseAuthServer.start(), SupabaseAuthServer.start()]);
  });
  afterAll(() => Promise.all([projectA.close(), projectB.close()]));

  it("never verifies one project's token with the other project's cached signing keys", async () => {
    const providerA = new SupabaseAuthProvider({ supabaseUrl: projectA.url, supabaseKey: projectA.anonKey });
    const providerB = new SupabaseAuthProvider({ supabaseUrl: projectB.url, supabaseKey: projectB.anonKey });
    const tokenA = await projectA.signAccessToken(projectA.createUser({ email: 'a@example.com', password: 'pw-a-12345' }));
    const request = () => new Request('http://127.0.0.1/api/billingos-session', { headers: { authorization: `Bearer ${tokenA}` } });

    expect(await providerA.authenticate(request())).not.toBeNull();
    await expect(providerB.authenticate(request())).resolves.toBeNull();
  });
});
