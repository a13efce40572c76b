import { BillingOSError } from './BillingOSError';

/** The credentials were missing, invalid or expired (HTTP 401). The SDK has already tried one fresh session token. */
export class AuthenticationError extends BillingOSError {
  override name = 'AuthenticationError';
  override readonly type = 'authentication_error' as const;
}
