export { Checkout } from './Checkout';
export type { CheckoutProps } from './Checkout';
export { useCheckout } from './useCheckout';
export type { UseCheckoutResult } from './useCheckout';
export { CheckoutFlow } from './CheckoutFlow';
export { PaymentError, paymentErrorOf } from './PaymentError';
export type { PaymentErrorInit } from './PaymentError';
export { defaultCheckoutLocalization } from './CheckoutLocalization';
export type { CheckoutLocalization } from './CheckoutLocalization';
export type {
  CardDetails,
  CheckoutComplete,
  CheckoutConfirmation,
  CheckoutPayment,
  CheckoutSession,
  CheckoutState,
  CheckoutStatus,
  RequiredAction,
  StartCheckoutParams,
} from './types';
