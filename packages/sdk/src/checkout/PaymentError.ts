import { BillingOSError, isBillingOSError, type BillingOSErrorInit } from '@billingos/sdk';

/** What a {@link PaymentError} knows besides the base error's fields. */
export interface PaymentErrorInit extends BillingOSErrorInit {
  /** The bank's reason, when it gave one (`insufficient_funds`, `generic_decline`, `lost_card`, …). */
  declineCode?: string | null;
}

/**
 * A payment that did not go through (the API's `payment_error`, HTTP 402, and a declined checkout):
 * `code` says what happened (`card_declined`, `expired_card`, `authentication_required`,
 * `payment_method_required`, …), `declineCode` the bank's reason, and `message` says it in words a
 * buyer understands.
 *
 * @example
 * const { error } = useCheckout();
 * if (error instanceof PaymentError && error.declineCode === 'insufficient_funds') offerAnotherCard();
 */
export class PaymentError extends BillingOSError {
  override name = 'PaymentError';
  override readonly type = 'payment_error' as const;
  readonly declineCode: string | undefined;

  constructor(init: PaymentErrorInit) {
    super(init);
    this.declineCode = init.declineCode ?? undefined;
  }
}

interface Envelope {
  error?: { type?: string; declineCode?: string };
}

/**
 * `error` as a {@link PaymentError} when it is one: a `PaymentError` itself, or an error of the
 * hooks entry (`useCreateSubscription()`, `client.request()`) whose response was a 402
 * `payment_error` (the hooks entry, kept small, throws those as its `ApiError`); else `undefined`.
 *
 * @example
 * const { error } = useCreateSubscription();
 * const payment = paymentErrorOf(error);
 * if (payment) return <p role="alert">{payment.message}</p>;
 */
export function paymentErrorOf(error: unknown): PaymentError | undefined {
  if (!isBillingOSError(error)) return undefined;
  if (error.type === 'payment_error') return error as PaymentError;
  const body = (error.raw as Envelope | undefined)?.error;
  if (body?.type !== 'payment_error') return undefined;
  const { message, code, statusCode, requestId, param, headers, raw } = error;
  return new PaymentError({ message, code, statusCode, requestId, param, headers, raw, declineCode: body.declineCode, cause: error });
}
