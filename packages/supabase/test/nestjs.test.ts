import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { BillingOSModule } from '@billingos/nestjs';
import { SupabaseAuthProvider } from '@billingos/supabase';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { me } from './utils/billingos-me';
import { SupabaseAuthServer } from './utils/supabase-auth-server';
import { signInWithCookies } from './utils/supabase-cookies';

describe('SupabaseAuthProvider as the authProvider of @billingos/nestjs (Express request, not a Web Request)', () => {
  let api: TestServer;
  let supabase: SupabaseAuthServer;
  let app: INestApplication;
  let routeUrl: string;

  beforeAll(async () => {
    [api, supabase] = await Promise.all([startTestServer(), SupabaseAuthServer.start()]);
    const authProvider = new SupabaseAuthProvider({ supabaseUrl: supabase.url, supabaseKey: supabase.anonKey });
    const moduleRef = await Test.createTestingModule({
      imports: [BillingOSModule.forRoot({ secretKey: api.secretKey, apiUrl: api.url, authProvider, sessionRoute: { path: 'api/billingos-session' } })],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    routeUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/billingos-session`;
  }, 60_000);
  afterAll(() => Promise.all([app.close(), api.close(), supabase.close()]));

  it('mints a token for the Supabase cookie’s user, and 401 without one', async () => {
    const user = supabase.createUser({ email: 'nest@example.com', password: 'pw-nest-12' });
    const cookies = await signInWithCookies(supabase, { email: 'nest@example.com', password: 'pw-nest-12' });
    expect((await fetch(routeUrl)).status).toBe(401);
    const response = await fetch(routeUrl, { headers: { cookie: cookies.header } });
    expect(response.status).toBe(200);
    const { sessionToken } = (await response.json()) as { sessionToken: string };
    expect((await me(api.url, sessionToken)).body.externalUserId).toBe(user.id);
  });
});
