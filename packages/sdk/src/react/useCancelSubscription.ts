'use client';
import type { BillingOSClient } from '../core/BillingOSClient';
import type { CancelSubscriptionParams, Subscription } from '../core/types';
import { useMutation, type MutationState } from './useMutation';

const run = (client: BillingOSClient, subscriptionId: string, params?: CancelSubscriptionParams) =>
  client.cancelSubscription(subscriptionId, params);

/**
 * Cancels a subscription (now, or `{ atPeriodEnd: true }`), then refreshes subscriptions and entitlements.
 *
 * @example
 * const { cancelSubscription, isPending } = useCancelSubscription();
 * <button onClick={() => cancelSubscription(subscription.id, { atPeriodEnd: true })}>Cancel</button>
 */
export function useCancelSubscription(): MutationState<Subscription> & {
  cancelSubscription: (subscriptionId: string, params?: CancelSubscriptionParams) => Promise<Subscription | undefined>;
} {
  const [cancelSubscription, state] = useMutation('useCancelSubscription', run, ['subscriptions', 'entitlements']);
  return { ...state, cancelSubscription };
}
