import { isBillingOSError } from '@billingos/sdk';
import { paymentErrorOf } from './PaymentError';

/**
 * Every text `<Checkout>` shows, in English by default; replace any through its `localization`
 * prop. `{placeholders}` are filled in.
 */
export const defaultCheckoutLocalization = {
  title: 'Payment',
  preparing: 'Preparing checkout…',
  dueToday: 'Due today',
  trial: '{days}-day free trial',
  trialNote: 'Your card is charged when the trial ends.',
  cardNumber: 'Card number',
  expiry: 'Expiry date (MM / YY)',
  cvc: 'Security code (CVC)',
  pay: 'Pay {amount}',
  startTrial: 'Start free trial',
  saveCard: 'Save card',
  processing: 'Processing…',
  complete: 'Payment complete. Thank you!',
  trialStarted: 'Your free trial has started.',
  cardSaved: 'Your card is saved.',
  invalidNumber: 'Your card number is incomplete or incorrect.',
  invalidExpiry: 'Enter the expiry date as MM / YY.',
  expiredExpiry: "Your card's expiry date is in the past.",
  invalidCvc: 'Enter the 3 or 4 digit security code.',
  declined: 'Your card was declined. Try another card.',
  insufficientFunds: 'Your card has insufficient funds. Try another card.',
  expiredCard: 'Your card has expired. Use another card.',
  incorrectNumber: 'Your card number is incorrect.',
  authenticationFailed: 'Your bank did not confirm the payment. Try again or use another card.',
  requiresAction: 'Your bank asks you to confirm this payment.',
  authenticate: 'Confirm with your bank',
  opensInNewTab: '(opens in a new tab)',
  finish: "I've confirmed, finish payment",
  sessionExpired: 'This checkout has expired.',
  alreadySubscribed: 'You already have a subscription: change your plan instead.',
  signedOut: 'Sign in to pay.',
  notAllowed: 'This account cannot make payments here.',
  connection: 'We could not reach the payment service. Check your connection and try again.',
  failed: 'Something went wrong and the payment did not go through. Try again.',
  tryAgain: 'Try again',
  startAgain: 'Start again',
};

export type CheckoutLocalization = typeof defaultCheckoutLocalization;
export type CheckoutLabel = keyof CheckoutLocalization;

const declines: Record<string, CheckoutLabel> = {
  insufficient_funds: 'insufficientFunds',
  expired_card: 'expiredCard',
  incorrect_number: 'incorrectNumber',
  authentication_failed: 'authenticationFailed',
  authentication_required: 'authenticationFailed',
  generic_decline: 'declined',
  lost_card: 'declined',
  stolen_card: 'declined',
  do_not_honor: 'declined',
};

const codes: Record<string, CheckoutLabel> = {
  checkout_session_expired: 'sessionExpired',
  subscription_exists: 'alreadySubscribed',
};

/**
 * What to tell the buyer about `error`, as a label, or (a payment failure with a reason this
 * list does not know) the API's own words for buyers.
 */
export function errorMessage(error: Error): CheckoutLabel | { text: string } {
  const payment = paymentErrorOf(error);
  if (payment) return declines[payment.declineCode ?? payment.code ?? ''] ?? { text: payment.message };
  if (isBillingOSError(error, 'connection_error')) return 'connection';
  if (isBillingOSError(error, 'authentication_error')) return 'signedOut';
  if (isBillingOSError(error, 'permission_error')) return 'notAllowed';
  return codes[(isBillingOSError(error) && error.code) || ''] ?? 'failed';
}
