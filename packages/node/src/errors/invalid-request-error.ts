import { BillingOSError } from './billing-os-error';
import type { BillingOSErrorInit } from './billing-os-error';

/** The request was malformed or failed validation (HTTP 400/422); `param` names the field. */
export class InvalidRequestError extends BillingOSError {
  override readonly name: string = 'InvalidRequestError';

  constructor(init: BillingOSErrorInit) {
    super('invalid_request_error', init);
  }
}
