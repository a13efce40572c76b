import { BillingOSError } from './billing-os-error';
import type { BillingOSErrorInit } from './billing-os-error';

/** A webhook payload or its signature headers did not verify; never trust such a payload. */
export class WebhookVerificationError extends BillingOSError {
  override readonly name: string = 'WebhookVerificationError';

  constructor(init: BillingOSErrorInit) {
    super('webhook_verification_error', init);
  }
}
