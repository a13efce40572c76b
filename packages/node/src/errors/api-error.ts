import { BillingOSError } from './billing-os-error';
import type { BillingOSErrorInit } from './billing-os-error';

/** The BillingOS API failed (HTTP 5xx) or answered something the SDK could not read. */
export class ApiError extends BillingOSError {
  override readonly name: string = 'ApiError';

  constructor(init: BillingOSErrorInit) {
    super('api_error', init);
  }
}
