import type { PaymentFailure } from './payment-provider';

/** A card the provider would not take (declined, expired, not a card): what to tell the buyer, and why. */
export class CardError extends Error {
  override name = 'CardError';
  readonly failure: PaymentFailure;
  readonly param: string | undefined;

  constructor(failure: PaymentFailure, param?: string) {
    super(failure.message);
    this.failure = failure;
    this.param = param;
  }
}
