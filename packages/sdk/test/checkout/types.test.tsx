// Type tests: checked by the root typecheck (`tsc -p tsconfig.json`); each @ts-expect-error fails it if the type loosens.
import type { operations, RequestBody } from '@billingos/contract';
import { isBillingOSError, type BillingOSErrorType } from '../../src/index';
import { PaymentError, paymentErrorOf, type CheckoutPayment, type CheckoutProps, type CheckoutStatus, type StartCheckoutParams, type UseCheckoutResult } from '../../src/checkout';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(value: T) => value;
type Sendable<Params, Id extends keyof operations> = [Params] extends [RequestBody<Id>] ? true : false;

test('what start() and confirm() send is what the API takes', () => {
  // start() fills in mode and the URLs, so its params are a looser version of the body.
  assert<Sendable<Required<StartCheckoutParams>, 'myCheckoutSessions.create'>>(true);
  assert<Sendable<{ clientSecret: string } & CheckoutPayment, 'checkoutSessions.confirm'>>(true);
});

test('public types', () => {
  assert<Equals<CheckoutStatus, 'idle' | 'creating' | 'ready' | 'confirming' | 'requires_action' | 'complete' | 'failed'>>(true);
  assert<Equals<Awaited<ReturnType<UseCheckoutResult['confirm']>>, import('../../src/checkout').CheckoutConfirmation | undefined>>(true);
  assert<Equals<PaymentError['type'], 'payment_error'>>(true);
  assert<Equals<PaymentError['declineCode'], string | undefined>>(true);
  assert<'payment_error' extends BillingOSErrorType ? true : false>(true);
  const error: unknown = new PaymentError({ message: 'Your card was declined.', code: 'card_declined', declineCode: 'generic_decline' });
  if (isBillingOSError(error, 'payment_error')) expect(paymentErrorOf(error)?.declineCode).toBe('generic_decline');
  const props: CheckoutProps = { priceId: 'price_1', onComplete: (done) => void done.subscriptionId };
  // @ts-expect-error a Checkout needs the price it sells
  const missing: CheckoutProps = { successUrl: '/done' };
  // @ts-expect-error a card needs its expiry and CVC
  const half: CheckoutPayment = { card: { number: '4242424242424242' } };
  expect([props, missing, half]).toHaveLength(3);
});
