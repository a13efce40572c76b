import { AuthProvider, toWebRequest, type AuthIdentity, type IncomingMessageLike } from '@billingos/node';
import { resolveSupabaseProject } from '../config/supabase-project';
import { isWebRequest } from '../http/web-request';
import { defaultAuthCookieName } from './auth-cookie-name';
import { bearerToken } from './bearer-token';
import { readSessionCookie } from './session-cookie';
import type { SupabaseAuthOptions } from './supabase-auth-options';
import type { SupabaseUser } from './supabase-user';
import { SupabaseTokenVerifier } from './token-verifier';

/**
 * The `@billingos/node` {@link AuthProvider} for Supabase Auth: the caller is the user whose
 * access token arrives in an `Authorization: Bearer` header or in `@supabase/ssr`'s auth
 * cookies, once Supabase Auth has verified that token. A cookie's contents are never
 * trusted on their own.
 *
 * It only reads. It never refreshes a session and never writes or deletes a cookie: the
 * browser's Supabase client owns the session. A refresh here would rotate the refresh
 * token without handing the new one back to the browser (a session route answers JSON,
 * often to several concurrent requests), and Supabase treats the browser's next use of the
 * old token as reuse and signs the user out. An expired access token is a 401; the
 * browser refreshes and asks again.
 *
 * Supabase anonymous users are refused (as if signed out) unless `allowAnonymous: true`;
 * `getUser()` still returns them, with `isAnonymous: true`.
 *
 * It takes a Web `Request` or a Node request (NestJS, Express), so one provider serves
 * `@billingos/node` and `@billingos/nestjs`; the extract options always see a `Request`.
 *
 * @example
 * import { BillingOS } from '@billingos/node';
 * import { SupabaseAuthProvider } from '@billingos/supabase';
 *
 * const billing = new BillingOS({ authProvider: new SupabaseAuthProvider() });
 * export const GET = billing.createSessionRoute();
 */
export class SupabaseAuthProvider extends AuthProvider<Request | IncomingMessageLike> {
  readonly #options: SupabaseAuthOptions;
  #resolved: { verifier: SupabaseTokenVerifier; cookieName: string } | undefined;

  constructor(options: SupabaseAuthOptions = {}) {
    super();
    this.#options = options;
  }

  async authenticate(incoming: Request | IncomingMessageLike): Promise<AuthIdentity | null> {
    const request = isWebRequest(incoming) ? incoming : toWebRequest(incoming);
    const user = await this.getUser(request);
    const { allowAnonymous = false, extractUserId, extractOrganizationId } = this.#options;
    if (!user || (user.isAnonymous && !allowAnonymous)) return null;
    const userId = extractUserId ? await extractUserId(request, user) : user.id;
    if (!userId) return null;
    const organizationId = await extractOrganizationId?.(request, user);
    return organizationId ? { userId, organizationId } : { userId };
  }

  /**
   * The verified Supabase user behind a request, or `null` when nobody is logged in or the
   * token does not verify. Reads the environment on first use.
   *
   * @throws MissingEnvironmentError when the Supabase URL or key is set nowhere
   * @throws SupabaseUnavailableError when Supabase Auth cannot be reached
   *
   * @example
   * const user = await new SupabaseAuthProvider().getUser(request);
   * if (!user) return new Response('Log in first', { status: 401 });
   */
  async getUser(incoming: Request | IncomingMessageLike): Promise<SupabaseUser | null> {
    const request = isWebRequest(incoming) ? incoming : toWebRequest(incoming);
    const { verifier, cookieName } = this.#resolve();
    const token = bearerToken(request) ?? (await readSessionCookie(request.headers.get('cookie'), cookieName));
    return token ? verifier.verify(token) : null;
  }

  #resolve(): { verifier: SupabaseTokenVerifier; cookieName: string } {
    if (!this.#resolved) {
      const project = resolveSupabaseProject(this.#options);
      this.#resolved = {
        verifier: new SupabaseTokenVerifier(project, this.#options.verification),
        cookieName: this.#options.cookieName ?? defaultAuthCookieName(project.url),
      };
    }
    return this.#resolved;
  }
}
