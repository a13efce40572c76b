import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthSigningKey, type SigningAlgorithm } from './auth-signing-key';
import { AuthUserStore, type AuthSession, type AuthUser, type NewAuthUser } from './auth-user-store';
import { GoTrueError, bearerToken, readJson, sendError, sendJson } from './gotrue-http';

export interface SupabaseAuthServerOptions {
  /** @default 'ES256' (asymmetric keys, verified locally by `getClaims()`) */
  algorithm?: SigningAlgorithm;
}

/** The body GoTrue answers a successful `/token` grant with. */
export interface SessionResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: AuthUser;
}

/** How often each endpoint was called: tests assert the session route never refreshes. */
export interface AuthServerCalls {
  passwordGrants: number;
  anonymousSignUps: number;
  refreshGrants: number;
  userLookups: number;
  jwksFetches: number;
  logouts: number;
}

interface TokenOptions {
  /** seconds from now; negative for an already-expired token */
  expiresIn?: number;
  /** sign with another key (a token the project never issued) */
  signingKey?: AuthSigningKey;
  sessionId?: string;
}

/**
 * A local Supabase project's Auth (GoTrue) server, speaking enough of its HTTP protocol for
 * the real `@supabase/supabase-js` and `@supabase/ssr`: password and refresh-token grants
 * returning signed JWTs, anonymous sign-ins (`/signup` without credentials, as
 * `signInAnonymously()` calls it), `/user`, `/logout` and the JWKS. `url` is the project URL
 * (what `NEXT_PUBLIC_SUPABASE_URL` holds); Auth lives under `/auth/v1`, behind an
 * `apikey` check like Supabase's gateway.
 */
export class SupabaseAuthServer {
  readonly anonKey = `sb_publishable_test_${Math.random().toString(36).slice(2)}`;
  readonly calls: AuthServerCalls = { passwordGrants: 0, anonymousSignUps: 0, refreshGrants: 0, userLookups: 0, jwksFetches: 0, logouts: 0 };
  /** Lifetime in seconds of the access tokens the next grants issue. */
  accessTokenTtl = 3600;
  readonly #users = new AuthUserStore();
  readonly #key: AuthSigningKey;
  readonly #server: Server;
  #url = '';

  private constructor(key: AuthSigningKey) {
    this.#key = key;
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  static async start(options: SupabaseAuthServerOptions = {}): Promise<SupabaseAuthServer> {
    const server = new SupabaseAuthServer(await AuthSigningKey.create(options.algorithm ?? 'ES256'));
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    server.#url = `http://127.0.0.1:${(server.#server.address() as AddressInfo).port}`;
    return server;
  }

  get url(): string {
    return this.#url;
  }

  /** The `kid` of the project's signing key, for forging tokens that claim it. */
  get keyId(): string {
    return this.#key.kid;
  }

  get issuer(): string {
    return `${this.#url}/auth/v1`;
  }

  createUser(input: NewAuthUser): AuthUser {
    return this.#users.create(input);
  }

  /** A user as an anonymous sign-in creates it (`is_anonymous: true` in its tokens), without HTTP. */
  createAnonymousUser(userMetadata?: Record<string, unknown>): AuthUser {
    return this.#users.createAnonymous(userMetadata);
  }

  /** Signs in without HTTP, returning the session GoTrue would (for tokens with odd lifetimes). */
  async issueSession(user: AuthUser, options: TokenOptions = {}): Promise<SessionResponse> {
    return this.#sessionResponse(user, this.#users.startSession(user), options.expiresIn ?? this.accessTokenTtl);
  }

  /** An access token for `user`, optionally expired or signed by a key this project does not know. */
  signAccessToken(user: AuthUser, options: TokenOptions = {}): Promise<string> {
    const sessionId = options.sessionId ?? this.#users.startSession(user).id;
    return this.#sign(user, sessionId, options.expiresIn ?? this.accessTokenTtl, options.signingKey ?? this.#key);
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve, reject) => this.#server.close((error) => (error ? reject(error) : resolve())));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', this.#url);
      this.#checkApiKey(req);
      await this.#route(req, res, url);
    } catch (error) {
      if (error instanceof GoTrueError) return sendError(req, res, error);
      sendJson(res, 500, { code: 'unexpected_failure', message: String(error) });
    }
  }

  #checkApiKey(req: IncomingMessage): void {
    const apikey = req.headers.apikey;
    if (!apikey) throw new GoTrueError(401, 'no_api_key', 'No API key found in request');
    if (apikey !== this.anonKey) throw new GoTrueError(401, 'invalid_api_key', 'Invalid API key');
  }

  async #route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /auth/v1/.well-known/jwks.json') return this.#jwks(res);
    if (route === 'POST /auth/v1/token') return this.#token(req, res, url.searchParams.get('grant_type'));
    if (route === 'POST /auth/v1/signup') return this.#signUp(req, res);
    if (route === 'GET /auth/v1/user') return this.#user(req, res);
    if (route === 'POST /auth/v1/logout') return this.#logout(req, res, url.searchParams.get('scope'));
    throw new GoTrueError(404, 'not_found', `${route} is not served by the test Supabase Auth server`);
  }

  #jwks(res: ServerResponse): void {
    this.calls.jwksFetches += 1;
    sendJson(res, 200, this.#key.jwks());
  }

  async #token(req: IncomingMessage, res: ServerResponse, grantType: string | null): Promise<void> {
    const body = await readJson(req);
    if (grantType === 'password') return sendJson(res, 200, await this.#passwordGrant(body));
    if (grantType === 'refresh_token') return sendJson(res, 200, await this.#refreshGrant(body));
    throw new GoTrueError(400, 'validation_failed', 'unsupported_grant_type');
  }

  async #passwordGrant(body: Record<string, unknown>): Promise<SessionResponse> {
    this.calls.passwordGrants += 1;
    const user = this.#users.findByCredentials(String(body.email ?? ''), String(body.password ?? ''));
    if (!user) throw new GoTrueError(400, 'invalid_credentials', 'Invalid login credentials');
    return this.#sessionResponse(user, this.#users.startSession(user), this.accessTokenTtl);
  }

  /** Only the anonymous form (no email, no phone): what `signInAnonymously()` sends. */
  async #signUp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (body.email || body.phone) throw new GoTrueError(422, 'validation_failed', 'the test server signs up anonymous users only');
    this.calls.anonymousSignUps += 1;
    const data = typeof body.data === 'object' && body.data !== null ? (body.data as Record<string, unknown>) : {};
    const user = this.#users.createAnonymous(data);
    sendJson(res, 200, await this.#sessionResponse(user, this.#users.startSession(user), this.accessTokenTtl));
  }

  async #refreshGrant(body: Record<string, unknown>): Promise<SessionResponse> {
    this.calls.refreshGrants += 1;
    const session = this.#users.rotate(String(body.refresh_token ?? ''));
    const user = session && this.#users.findById(session.userId);
    if (!session || !user) throw new GoTrueError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    return this.#sessionResponse(user, session, this.accessTokenTtl);
  }

  async #user(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.calls.userLookups += 1;
    const { user } = await this.#authenticate(req);
    sendJson(res, 200, user);
  }

  async #logout(req: IncomingMessage, res: ServerResponse, scope: string | null): Promise<void> {
    this.calls.logouts += 1;
    const { sessionId } = await this.#authenticate(req);
    this.#users.revoke(sessionId, scope === 'local' || scope === 'others' ? scope : 'global');
    res.writeHead(204).end();
  }

  async #authenticate(req: IncomingMessage): Promise<{ user: AuthUser; sessionId: string }> {
    const token = bearerToken(req);
    if (!token) throw new GoTrueError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
    const claims = await this.#key.verify(token, this.issuer).catch((error: Error) => {
      throw new GoTrueError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${error.message}`);
    });
    const sessionId = String(claims.session_id ?? '');
    if (!this.#users.findSession(sessionId)) throw new GoTrueError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    const user = this.#users.findById(String(claims.sub));
    if (!user) throw new GoTrueError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    return { user, sessionId };
  }

  async #sessionResponse(user: AuthUser, session: AuthSession, expiresIn: number): Promise<SessionResponse> {
    const now = Math.floor(Date.now() / 1000);
    return {
      access_token: await this.#sign(user, session.id, expiresIn, this.#key),
      token_type: 'bearer',
      expires_in: expiresIn,
      expires_at: now + expiresIn,
      refresh_token: session.refreshToken,
      user,
    };
  }

  #sign(user: AuthUser, sessionId: string, expiresIn: number, key: AuthSigningKey): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: this.issuer,
      sub: user.id,
      aud: 'authenticated',
      email: user.email,
      phone: user.phone,
      app_metadata: user.app_metadata,
      user_metadata: user.user_metadata,
      role: user.role,
      aal: 'aal1',
      amr: [{ method: user.is_anonymous ? 'anonymous' : 'password', timestamp: now }],
      session_id: sessionId,
      is_anonymous: user.is_anonymous,
    };
    return key.sign(claims, now + expiresIn, now);
  }
}
