/** The shapes of checkout, as the API sends them (from its OpenAPI schema) and as the checkout hook takes them. */
import type * as contract from '@billingos/contract';

/** A buyer's way to a paid subscription (`mode: 'subscription'`) or to a saved card (`mode: 'setup'`). */
export type CheckoutSession = contract.CheckoutSession;

/** What confirming answers: `complete`, or still `open` with what the buyer must do (`requiredAction`). */
export type CheckoutConfirmation = contract.CheckoutConfirmation;

/** A completed checkout: the subscription (none in setup mode), the saved card, and where to send the buyer. */
export type CheckoutComplete = Extract<CheckoutConfirmation, { status: 'complete' }>;

/** What an open checkout waits for: the bank's confirmation (`requires_action`, with its `url`), another card (`payment_failed`), or any card. */
export type RequiredAction = Extract<CheckoutConfirmation, { status: 'open' }>['requiredAction'];

/** What `start()` takes. */
export interface StartCheckoutParams {
  /** The price to subscribe to; without it the checkout saves a card (`mode: 'setup'`). */
  priceId?: string;
  /** @default priceId ? 'subscription' : 'setup' */
  mode?: 'subscription' | 'setup';
  /**
   * Where the buyer goes once done (`session_id` is added); relative URLs are resolved against the page.
   * @default the current page
   */
  successUrl?: string;
  /**
   * Where "Back" on the API's hosted checkout page goes.
   * @default the current page
   */
  cancelUrl?: string;
}

/** A card as the buyer typed it. Sent once to the API, never stored or logged by the SDK. */
export interface CardDetails {
  /** Digits; spaces and dashes are allowed. */
  number: string;
  /** 1–12. */
  expMonth: number;
  /** Four digits (`2030`); two (`30`) are read as 20xx. */
  expYear: number;
  cvc: string;
}

/** What a checkout is paid with: a card, or a saved method of the customer (`pm_…`; in test mode also a `pm_card_…` alias). */
export type CheckoutPayment = { card: CardDetails } | { paymentMethodId: string };

/**
 * Where a checkout stands: `idle` (not started), `creating` (the session is being made), `ready`
 * (waiting for a card), `confirming` (paying), `requires_action` (the bank wants the buyer to
 * confirm: open `requiredAction.url`, then `confirm()` again), `complete`, or `failed` (see `error`;
 * an open session can be confirmed again with another card).
 */
export type CheckoutStatus = 'idle' | 'creating' | 'ready' | 'confirming' | 'requires_action' | 'complete' | 'failed';

/** The state `useCheckout()` returns; a new object only when something changed. */
export interface CheckoutState {
  /** The session `start()` created (its `amountDue`, `currency` and `trialDays` say what is due today). */
  session: CheckoutSession | null;
  status: CheckoutStatus;
  /** Why the last step failed: a `PaymentError` for a card the bank refused, else the `BillingOSError`. */
  error: Error | null;
  /** What the buyer must do before the checkout can complete. */
  requiredAction: RequiredAction | null;
  /** The completed checkout, once `status` is `complete`. */
  confirmation: CheckoutComplete | null;
}
