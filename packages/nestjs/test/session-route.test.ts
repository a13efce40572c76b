import 'reflect-metadata';
import { AuthProvider, type AuthIdentity } from '@billingos/node';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { type CanActivate, type ExecutionContext, Inject, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BillingOSModule, BillingOSModuleConfigurationError } from '../src';
import { type RunningNestApp, startNestApp } from './support/start-nest-app';

interface AppRequest {
  headers: Record<string, string | undefined>;
  user?: { id: string };
}

/** The merchant's own guard: it sets req.user from a header (a real app verifies a session). */
@Injectable()
class HeaderAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AppRequest>();
    const id = request.headers['x-user-id'];
    if (id) request.user = { id };
    return true;
  }
}

/** One of the merchant's services, which the AuthProvider injects. */
@Injectable()
class UsersService {
  readonly banned = new Set(['user_banned']);
}

@Module({ providers: [UsersService], exports: [UsersService] })
class UsersModule {}

@Injectable()
class RequestUserAuth extends AuthProvider<AppRequest> {
  constructor(@Inject(UsersService) private readonly users: UsersService) {
    super();
  }

  async authenticate(request: AppRequest): Promise<AuthIdentity | null> {
    const user = request.user;
    if (!user || this.users.banned.has(user.id)) return null;
    return { userId: user.id };
  }
}

let api: TestServer;
let nest: RunningNestApp;

beforeAll(async () => {
  api = await startTestServer();
  nest = await startNestApp({
    imports: [
      BillingOSModule.forRoot({
        secretKey: api.secretKey,
        apiUrl: api.url,
        imports: [UsersModule],
        authProvider: RequestUserAuth,
        sessionRoute: { path: 'billingos/session', expiresIn: 600 },
      }),
    ],
    providers: [{ provide: APP_GUARD, useClass: HeaderAuthGuard }],
  });
});
afterAll(async () => {
  await nest?.close();
  await api?.close();
});

async function me(sessionToken: string) {
  const response = await fetch(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${sessionToken}` } });
  return { status: response.status, body: (await response.json()) as { externalUserId?: string } };
}

describe('sessionRoute', () => {
  it('mints a token for req.user that the BillingOS API accepts on /v1/me', async () => {
    const response = await fetch(`${nest.url}/billingos/session`, { headers: { 'x-user-id': 'user_nest_alice' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { sessionToken: string; expiresAt: string };
    const expiresIn = (Date.parse(body.expiresAt) - Date.now()) / 1000;
    expect(expiresIn).toBeGreaterThan(500);
    expect(expiresIn).toBeLessThanOrEqual(600);
    const customer = await me(body.sessionToken);
    expect(customer.status).toBe(200);
    expect(customer.body.externalUserId).toBe('user_nest_alice');
  });

  it('answers POST the same way, for each user separately', async () => {
    const response = await fetch(`${nest.url}/billingos/session`, { method: 'POST', headers: { 'x-user-id': 'user_nest_bob' } });
    expect(response.status).toBe(200);
    const { sessionToken } = (await response.json()) as { sessionToken: string };
    expect((await me(sessionToken)).body.externalUserId).toBe('user_nest_bob');
  });

  it('answers 401 JSON, not cacheable, when the guard found nobody', async () => {
    const response = await fetch(`${nest.url}/billingos/session`);
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      error: { type: 'authentication_error', code: 'not_authenticated', message: expect.any(String) },
    });
  });

  it('answers 401 when the AuthProvider, using an injected service, refuses the user', async () => {
    const response = await fetch(`${nest.url}/billingos/session`, { headers: { 'x-user-id': 'user_banned' } });
    expect(response.status).toBe(401);
  });

  it('answers 502 with the BillingOS request id and no secret when BillingOS refuses the key', async () => {
    const wrongKey = await startNestApp({
      imports: [
        BillingOSModule.forRoot({
          secretKey: 'sk_test_revoked_key_000000000000',
          apiUrl: api.url,
          maxRetries: 0,
          authProvider: { authenticate: async () => ({ userId: 'user_any' }) },
          sessionRoute: { path: 'session' },
        }),
      ],
    });
    try {
      const response = await fetch(`${wrongKey.url}/session`);
      const text = await response.text();
      expect(response.status).toBe(502);
      expect(JSON.parse(text).error).toMatchObject({ type: 'api_error', requestId: expect.any(String) });
      expect(text).not.toContain('sk_test_');
    } finally {
      await wrongKey.close();
    }
  });

  it('refuses a session route without an AuthProvider when the module is declared', () => {
    expect(() => BillingOSModule.forRoot({ secretKey: api.secretKey, sessionRoute: { path: 'session' } })).toThrow(
      BillingOSModuleConfigurationError,
    );
    expect(() => BillingOSModule.forRoot({ secretKey: api.secretKey, sessionRoute: { path: 'session' } })).toThrow(/authProvider/);
  });
});

describe('sessionRoute with route guards instead of a global guard', () => {
  let guarded: RunningNestApp;
  beforeAll(async () => {
    guarded = await startNestApp({
      imports: [
        BillingOSModule.forRootAsync({
          useFactory: () => ({ secretKey: api.secretKey, apiUrl: api.url }),
          imports: [UsersModule],
          authProvider: RequestUserAuth,
          sessionRoute: { path: 'session', guards: [HeaderAuthGuard] },
        }),
      ],
    });
  });
  afterAll(() => guarded?.close());

  it("runs the route's guards before the AuthProvider, so it sees req.user", async () => {
    const response = await fetch(`${guarded.url}/session`, { headers: { 'x-user-id': 'user_nest_carol' } });
    expect(response.status).toBe(200);
    const { sessionToken } = (await response.json()) as { sessionToken: string };
    expect((await me(sessionToken)).body.externalUserId).toBe('user_nest_carol');
    expect((await fetch(`${guarded.url}/session`)).status).toBe(401);
  });
});
