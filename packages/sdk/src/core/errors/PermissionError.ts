import { BillingOSError } from './BillingOSError';

/** The session token's `allowedOperations` do not include this call (HTTP 403); grant it in your session route. */
export class PermissionError extends BillingOSError {
  override name = 'PermissionError';
  override readonly type = 'permission_error' as const;
}
