import { BillingOSError } from './billing-os-error';
import type { BillingOSErrorInit } from './billing-os-error';

/** An `Idempotency-Key` was reused with a different request, or is still in flight (HTTP 409). */
export class IdempotencyError extends BillingOSError {
  override readonly name: string = 'IdempotencyError';

  constructor(init: BillingOSErrorInit) {
    super('idempotency_error', init);
  }
}
