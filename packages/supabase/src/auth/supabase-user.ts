import type { JwtPayload, User } from '@supabase/supabase-js';

/**
 * The logged-in Supabase user, after Supabase Auth verified their access token. What
 * `extractUserId` and `extractOrganizationId` receive.
 */
export interface SupabaseUser {
  /** The Supabase user id (`auth.users.id`, the token's `sub`). */
  id: string;
  email: string | undefined;
  phone: string | undefined;
  /** Set by your backend only (users cannot edit it): the place for roles and organization memberships. */
  appMetadata: Record<string, unknown>;
  /** Editable by the user themselves: never base authorization on it. */
  userMetadata: Record<string, unknown>;
  /** Signed in with `signInAnonymously()`; the session route refuses them unless `allowAnonymous: true`. */
  isAnonymous: boolean;
  /** The verified access-token claims, custom access-token hook claims included. */
  claims: Record<string, unknown>;
}

/** From the claims `getClaims()` verified. */
export function userFromClaims(claims: JwtPayload): SupabaseUser {
  return {
    id: claims.sub,
    email: claims.email || undefined,
    phone: claims.phone || undefined,
    appMetadata: { ...claims.app_metadata },
    userMetadata: { ...claims.user_metadata },
    isAnonymous: claims.is_anonymous === true,
    claims: { ...claims },
  };
}

/** From the user `getUser()` fetched; its claims are the (server-verified) token's payload. */
export function userFromAuthServer(user: User, claims: Record<string, unknown>): SupabaseUser {
  return {
    id: user.id,
    email: user.email || undefined,
    phone: user.phone || undefined,
    appMetadata: { ...user.app_metadata },
    userMetadata: { ...user.user_metadata },
    isAnonymous: user.is_anonymous === true,
    claims,
  };
}
