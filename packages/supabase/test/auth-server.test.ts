import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { SupabaseAuthServer } from './utils/supabase-auth-server';
import { signInWithCookies } from './utils/supabase-cookies';

// The test Supabase Auth server is the peer of every other test here, so it is checked
// against the real supabase-js before anything is built on it.
function client(server: SupabaseAuthServer): SupabaseClient {
  return createClient(server.url, server.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as never },
  });
}

describe('test Supabase Auth server (ES256)', () => {
  let server: SupabaseAuthServer;
  beforeAll(async () => {
    server = await SupabaseAuthServer.start();
  });
  afterAll(() => server.close());

  it('signs in with a password and verifies the access token locally through the JWKS', async () => {
    const user = server.createUser({ email: 'ada@example.com', password: 'pw-ada-123', appMetadata: { organizations: ['org_1'] } });
    const supabase = client(server);
    const { data, error } = await supabase.auth.signInWithPassword({ email: 'ada@example.com', password: 'pw-ada-123' });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(user.id);
    const lookups = server.calls.userLookups;
    const claims = await supabase.auth.getClaims(data.session!.access_token);
    expect(claims.error).toBeNull();
    expect(claims.data?.claims.sub).toBe(user.id);
    expect(claims.data?.claims.app_metadata).toMatchObject({ organizations: ['org_1'] });
    expect(server.calls.jwksFetches).toBeGreaterThan(0);
    expect(server.calls.userLookups).toBe(lookups);
  });

  it('signs in anonymously: a user with is_anonymous in the user and in the verified claims', async () => {
    const supabase = client(server);
    const { data, error } = await supabase.auth.signInAnonymously();
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ is_anonymous: true, email: '' });
    const claims = await supabase.auth.getClaims(data.session!.access_token);
    expect(claims.data?.claims).toMatchObject({ sub: data.user!.id, is_anonymous: true, role: 'authenticated' });
    expect(server.calls.anonymousSignUps).toBe(1);
  });

  it('answers a wrong password with GoTrue’s invalid_credentials error', async () => {
    server.createUser({ email: 'bob@example.com', password: 'pw-bob-123' });
    const { error } = await client(server).auth.signInWithPassword({ email: 'bob@example.com', password: 'nope' });
    expect(error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
  });

  it('rotates refresh tokens and revokes sessions on logout', async () => {
    server.createUser({ email: 'cy@example.com', password: 'pw-cy-1234' });
    const supabase = client(server);
    const { data } = await supabase.auth.signInWithPassword({ email: 'cy@example.com', password: 'pw-cy-1234' });
    const refreshed = await supabase.auth.refreshSession({ refresh_token: data.session!.refresh_token });
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session?.refresh_token).not.toBe(data.session!.refresh_token);
    const reused = await client(server).auth.refreshSession({ refresh_token: data.session!.refresh_token });
    expect(reused.error?.code).toBe('refresh_token_not_found');

    const token = refreshed.data.session!.access_token;
    expect((await supabase.auth.getUser(token)).data.user?.email).toBe('cy@example.com');
    await supabase.auth.signOut();
    expect((await client(server).auth.getUser(token)).error).toBeTruthy();
  });

  it('rejects requests without the project’s apikey like the Supabase gateway', async () => {
    const response = await fetch(`${server.url}/auth/v1/user`);
    expect(response.status).toBe(401);
  });

  it('lets @supabase/ssr write plain and chunked session cookies', async () => {
    server.createUser({ email: 'small@example.com', password: 'pw-small-1' });
    server.createUser({ email: 'large@example.com', password: 'pw-large-1', userMetadata: { bio: 'x'.repeat(5000) } });
    const small = await signInWithCookies(server, { email: 'small@example.com', password: 'pw-small-1' });
    const large = await signInWithCookies(server, { email: 'large@example.com', password: 'pw-large-1' });
    expect(small.cookies.map((c) => c.name)).toEqual(['sb-127-auth-token']);
    expect(small.cookies[0]!.value.startsWith('base64-')).toBe(true);
    expect(large.cookies.map((c) => c.name)).toEqual(expect.arrayContaining(['sb-127-auth-token.0', 'sb-127-auth-token.1']));
  });
});

describe('test Supabase Auth server (HS256, legacy JWT secret)', () => {
  let server: SupabaseAuthServer;
  beforeAll(async () => {
    server = await SupabaseAuthServer.start({ algorithm: 'HS256' });
  });
  afterAll(() => server.close());

  it('publishes no public key, so getClaims() asks /auth/v1/user', async () => {
    server.createUser({ email: 'hs@example.com', password: 'pw-hs-1234' });
    const supabase = client(server);
    const { data } = await supabase.auth.signInWithPassword({ email: 'hs@example.com', password: 'pw-hs-1234' });
    const lookups = server.calls.userLookups;
    const claims = await supabase.auth.getClaims(data.session!.access_token);
    expect(claims.error).toBeNull();
    expect(server.calls.userLookups).toBe(lookups + 1);
  });
});
