import { BillingOSError } from './billing-os-error';
import type { BillingOSErrorInit } from './billing-os-error';

/**
 * A card was refused or a payment failed (HTTP 402). `code` says why (`card_declined`,
 * `expired_card`, …); `message` is written for the buyer.
 */
export class PaymentError extends BillingOSError {
  override readonly name: string = 'PaymentError';

  constructor(init: BillingOSErrorInit) {
    super('payment_error', init);
  }
}
