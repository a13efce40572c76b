import { BillingOSError } from './billing-os-error';
import type { BillingOSErrorInit } from './billing-os-error';

/** The resource or route does not exist (HTTP 404). */
export class NotFoundError extends BillingOSError {
  override readonly name: string = 'NotFoundError';

  constructor(init: BillingOSErrorInit) {
    super('not_found_error', init);
  }
}
