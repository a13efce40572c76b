import type * as contract from '@billingos/contract';

/** A customer's saved card: brand, last4 and expiry (never its number). */
export type PaymentMethod = contract.PaymentMethod;

/** What removing a payment method answers. */
export type DeletedPaymentMethod = contract.DeletedPaymentMethod;

export interface PaymentMethodAttachParams {
  /** A method your provider holds; in test mode also `pm_card_visa`, `pm_card_chargeDeclined`, `pm_card_insufficientFunds`, `pm_card_recoversAfter2`. */
  paymentMethodId: string;
  /** Make it the default (a customer's first method always is). */
  setDefault?: boolean;
}
