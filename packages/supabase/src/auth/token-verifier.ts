import { isAuthRetryableFetchError } from '@supabase/supabase-js';
import { stringFromBase64URL } from '@supabase/ssr';
import type { SupabaseProject } from '../config/supabase-project';
import { SupabaseUnavailableError } from '../errors/supabase-unavailable-error';
import { createSupabaseAuthClient, type SupabaseAuthClient } from './supabase-auth-client';
import { userFromAuthServer, userFromClaims, type SupabaseUser } from './supabase-user';

/**
 * How an access token is verified.
 * - `'claims'`: `getClaims()`. With asymmetric signing keys the signature is checked locally
 *   against the cached JWKS (no round trip per request); with a legacy HS256 secret Supabase
 *   Auth is asked.
 * - `'user'`: `getUser()`, always a round trip, so a session revoked by sign-out is refused
 *   at once instead of when its access token expires.
 */
export type VerificationMode = 'claims' | 'user';

/** Turns an untrusted Supabase access token into a verified {@link SupabaseUser}, or `null`. */
export class SupabaseTokenVerifier {
  readonly #mode: VerificationMode;
  readonly #project: SupabaseProject;
  #auth: Promise<SupabaseAuthClient> | undefined;

  constructor(project: SupabaseProject, mode: VerificationMode = 'claims') {
    this.#project = project;
    this.#mode = mode;
  }

  /** @throws SupabaseUnavailableError when Supabase Auth cannot be reached (not when the token is bad). */
  async verify(token: string): Promise<SupabaseUser | null> {
    const auth = await this.#client();
    // getClaims() arrived in supabase-js 2.50; older clients verify through the Auth server.
    const user = this.#mode === 'claims' && typeof auth.getClaims === 'function' ? await viaClaims(auth, token) : await viaAuthServer(auth, token);
    return user && user.id ? user : null;
  }

  // Created once and shared by every request; a failed creation is retried by the next one.
  #client(): Promise<SupabaseAuthClient> {
    this.#auth ??= createSupabaseAuthClient(this.#project).catch((error: unknown) => {
      this.#auth = undefined;
      throw error;
    });
    return this.#auth;
  }
}

async function viaClaims(auth: SupabaseAuthClient, token: string): Promise<SupabaseUser | null> {
  const result = await failClosed(() => auth.getClaims(token));
  return result?.data?.claims?.sub ? userFromClaims(result.data.claims) : null;
}

async function viaAuthServer(auth: SupabaseAuthClient, token: string): Promise<SupabaseUser | null> {
  const result = await failClosed(() => auth.getUser(token));
  return result?.data.user ? userFromAuthServer(result.data.user, payloadOf(token)) : null;
}

/**
 * Any failure to verify means "not verified", except Supabase being unreachable: that is
 * an outage to report, not a logout.
 */
async function failClosed<T extends { error: unknown }>(call: () => Promise<T>): Promise<T | null> {
  let result: T;
  try {
    result = await call();
  } catch {
    return null;
  }
  if (isAuthRetryableFetchError(result.error)) throw new SupabaseUnavailableError(result.error);
  return result.error ? null : result;
}

function payloadOf(token: string): Record<string, unknown> {
  try {
    return JSON.parse(stringFromBase64URL(token.split('.')[1] ?? '')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
