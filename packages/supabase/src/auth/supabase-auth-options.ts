import type { SupabaseProjectOptions } from '../config/supabase-project';
import type { SupabaseUser } from './supabase-user';
import type { VerificationMode } from './token-verifier';

/** A value, or a promise of it. */
type Awaitable<T> = T | Promise<T>;

/** How {@link SupabaseAuthProvider} finds and verifies the logged-in user. */
export interface SupabaseAuthOptions extends SupabaseProjectOptions {
  /**
   * `'claims'` verifies the access token with `getClaims()` (locally against the JWKS with
   * asymmetric signing keys); `'user'` asks Supabase Auth with `getUser()` on every request,
   * so a signed-out session is refused before its access token expires.
   * @default 'claims'
   */
  verification?: VerificationMode;
  /**
   * Whether Supabase anonymous users (`signInAnonymously()`: `is_anonymous: true` in their
   * verified token) count as logged in. Off, they are answered like a signed-out visitor (401)
   * and never become BillingOS customers: anyone can create anonymous users by the thousand,
   * and their billing would be lost with the browser's storage.
   * @default false
   */
  allowAnonymous?: boolean;
  /**
   * The auth cookie's name, if you changed `cookieOptions.name` in `@supabase/ssr`.
   * @default `sb-<project ref>-auth-token`, or the request's only `sb-*-auth-token` cookie
   */
  cookieName?: string;
  /**
   * The BillingOS customer id for this user (`externalUserId`); return `null` to refuse
   * the request with 401.
   * @default (request, user) => user.id
   */
  extractUserId?: (request: Request, user: SupabaseUser) => Awaitable<string | null | undefined>;
  /**
   * The organization to bill (B2B), if any. Throw `OrganizationAccessError` to refuse with
   * 403; see `organizationFromHeader` and `organizationFromAppMetadata`.
   * @default () => undefined (bill the user)
   */
  extractOrganizationId?: (request: Request, user: SupabaseUser) => Awaitable<string | null | undefined>;
}
