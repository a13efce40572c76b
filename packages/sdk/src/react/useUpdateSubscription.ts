'use client';
import type { BillingOSClient } from '../core/BillingOSClient';
import type { Subscription, UpdateSubscriptionParams } from '../core/types';
import { useMutation, type MutationState } from './useMutation';

const run = (client: BillingOSClient, subscriptionId: string, params: UpdateSubscriptionParams) => client.updateSubscription(subscriptionId, params);

/**
 * Changes a subscription (resume it, drop a scheduled change), then refreshes subscriptions and
 * entitlements.
 *
 * @example
 * const { updateSubscription, isPending } = useUpdateSubscription();
 * <button disabled={isPending} onClick={() => updateSubscription(subscription.id, { cancelAtPeriodEnd: false })}>Resume</button>
 */
export function useUpdateSubscription(): MutationState<Subscription> & {
  updateSubscription: (subscriptionId: string, params: UpdateSubscriptionParams) => Promise<Subscription | undefined>;
} {
  const [updateSubscription, state] = useMutation('useUpdateSubscription', run, ['subscriptions', 'entitlements']);
  return { ...state, updateSubscription };
}
