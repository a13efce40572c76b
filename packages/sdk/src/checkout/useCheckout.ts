'use client';
import { useMemo, useRef, useSyncExternalStore } from 'react';
import { useBillingOS, useEntitlements, useSubscriptions } from '@billingos/sdk';
import { CheckoutFlow } from './CheckoutFlow';
import type { CheckoutConfirmation, CheckoutPayment, CheckoutSession, CheckoutState, StartCheckoutParams } from './types';

/** What `useCheckout()` returns: the state, and the actions (stable, never rejecting). */
export interface UseCheckoutResult extends CheckoutState {
  /** Creates the checkout session (`POST /v1/me/checkout-sessions`, the session token needs `manage_subscription`). */
  start: (params?: StartCheckoutParams) => Promise<CheckoutSession | undefined>;
  /** Pays the session with a card or a saved method; with nothing after the bank's confirmation, to finish. */
  confirm: (payment?: CheckoutPayment) => Promise<CheckoutConfirmation | undefined>;
  /** Back to `idle`. */
  reset: () => void;
}

/**
 * A checkout for the signed-in customer, inside `<BillingOSProvider>`: start it, then confirm it
 * with a card. It reads the subscriptions and entitlements (`useSubscriptions()`,
 * `useEntitlements()`), and fetches them again once the checkout completes, before `status` is
 * `complete`, as the mutation hooks do. The actions never reject (the error is in `error`), so
 * they can go straight into event handlers.
 *
 * @example
 * const { start, confirm, status, session, error, requiredAction } = useCheckout();
 * useEffect(() => void start({ priceId: 'price_pro_monthly' }), [start]);
 * const pay = () => confirm({ card: { number, expMonth, expYear, cvc } });
 * if (status === 'requires_action') return <a href={requiredAction?.url} target="_blank">Confirm with your bank</a>;
 */
export function useCheckout(): UseCheckoutResult {
  const client = useBillingOS();
  const subscriptions = useSubscriptions();
  const entitlements = useEntitlements();
  const refetch = useRef([subscriptions.refetch, entitlements.refetch]);
  refetch.current = [subscriptions.refetch, entitlements.refetch];
  const flow = useMemo(() => new CheckoutFlow(client, { refresh: () => Promise.all(refetch.current.map((fetch) => fetch())) }), [client]);
  const state = useSyncExternalStore(flow.subscribe, flow.getState, flow.getState);
  return { ...state, start: flow.start, confirm: flow.confirm, reset: flow.reset };
}
