import type { AuthIdentity } from '../auth/auth-identity';
import type { SessionOperation } from '../resources/session-tokens';

/** Options of `createSessionRoute()` / `createSessionHandler()`. */
export interface SessionRouteOptions {
  /**
   * Token lifetime in seconds, 60…86400.
   * @default 3600 (the API's default)
   */
  expiresIn?: number;
  /**
   * What the token may do.
   * @default every read_* operation
   */
  allowedOperations?: SessionOperation[];
  /** Added to every token's metadata (after the identity's own). */
  metadata?: Record<string, string>;
  /**
   * Picks the organization the token is for (B2B).
   * @default identity.organizationId
   */
  extractOrganizationId?: (request: Request, identity: AuthIdentity) => string | undefined | Promise<string | undefined>;
}
