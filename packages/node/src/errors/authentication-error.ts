import { BillingOSError } from './billing-os-error';
import type { BillingOSErrorInit } from './billing-os-error';

/** The key or token was missing, malformed, revoked or expired (HTTP 401). */
export class AuthenticationError extends BillingOSError {
  override readonly name: string = 'AuthenticationError';

  constructor(init: BillingOSErrorInit) {
    super('authentication_error', init);
  }
}
