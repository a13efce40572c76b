'use client';
import type { BillingOSClient } from '../core/BillingOSClient';
import type { Subscription } from '../core/types';
import { useMutation, type MutationState } from './useMutation';

const run = (client: BillingOSClient, subscriptionId: string, priceId: string) =>
  client.changePlan(subscriptionId, { priceId });

/**
 * Moves a subscription to another price, then refreshes subscriptions and entitlements.
 *
 * @example
 * const { changePlan, isPending, error } = useChangePlan();
 * <button disabled={isPending} onClick={() => changePlan(subscription.id, 'price_pro')}>Upgrade</button>
 */
export function useChangePlan(): MutationState<Subscription> & {
  changePlan: (subscriptionId: string, priceId: string) => Promise<Subscription | undefined>;
} {
  const [changePlan, state] = useMutation('useChangePlan', run, ['subscriptions', 'entitlements']);
  return { ...state, changePlan };
}
