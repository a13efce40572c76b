'use client';
import type { BillingOSClient } from '../core/BillingOSClient';
import type { CreateSubscriptionParams, Subscription } from '../core/types';
import { useMutation, type MutationState } from './useMutation';

const run = (client: BillingOSClient, params: CreateSubscriptionParams) => client.createSubscription(params);

/**
 * Subscribes the customer to a price, then refreshes subscriptions and entitlements.
 *
 * @example
 * const { createSubscription } = useCreateSubscription();
 * <button onClick={() => createSubscription({ priceId: price.id })}>Start trial</button>
 */
export function useCreateSubscription(): MutationState<Subscription> & {
  createSubscription: (params: CreateSubscriptionParams) => Promise<Subscription | undefined>;
} {
  const [createSubscription, state] = useMutation('useCreateSubscription', run, ['subscriptions', 'entitlements']);
  return { ...state, createSubscription };
}
