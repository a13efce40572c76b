/** What a card says about itself once tokenised: never its number. */
export interface CardDetails {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** A card as the buyer typed it (only ever passed straight to the provider). */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** A payment method the provider keeps for a customer. */
export interface ProviderMethod {
  providerMethodId: string;
  card: CardDetails;
}

export interface ChargeRequest {
  /** Our attempt's id: one attempt, one charge, whatever the retries. */
  attemptId: string;
  amount: number;
  currency: string;
  providerMethodId: string;
  /** The buyer is not at the keyboard (a renewal): no authentication can be asked for. */
  offSession: boolean;
  /** Sent to the provider so a retried call never charges twice; the attempt's id. */
  idempotencyKey: string;
}

export type ChargeStatus = 'succeeded' | 'processing' | 'requires_action' | 'failed';

export interface PaymentFailure {
  code: 'card_declined' | 'expired_card' | 'processing_error' | 'authentication_required';
  declineCode: string | null;
  /** Whether trying the same method again later may succeed. */
  retryable: boolean;
  /** What to tell the buyer, in their words. */
  message: string;
}

export interface ChargeResult {
  status: ChargeStatus;
  providerPaymentId: string;
  /** For `requires_action`: where the buyer completes authentication. */
  nextAction?: { type: 'redirect'; url: string };
  failure?: PaymentFailure;
}

/**
 * The one seam between BillingOS and whoever moves the money. BillingOS owns customers,
 * subscriptions, invoices and retries; a provider only keeps payment methods and charges them.
 * One implementation per provider, chosen by configuration (`test` is built in).
 */
export abstract class PaymentProvider {
  /** `test` or `stripe`: stored with every method and payment it made. */
  abstract readonly name: string;
  /** Tokenises a card the buyer entered into a method the provider keeps (the number goes no further). */
  abstract attachCard(card: CardInput): Promise<ProviderMethod>;
  /** A method the provider already has, for a customer (test mode also takes the `pm_card_…` aliases, each a new method); `null` when unknown. */
  abstract attachExisting(providerMethodId: string): Promise<ProviderMethod | null>;
  /** Charges a method; the idempotency key makes a retried call return the first call's result. */
  abstract charge(request: ChargeRequest): Promise<ChargeResult>;
  /** The payment as it is now (to settle one left `processing` or `requires_action`). */
  abstract retrieve(providerPaymentId: string): Promise<ChargeResult>;
}
