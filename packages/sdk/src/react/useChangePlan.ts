'use client';
import type { BillingOSClient } from '../core/BillingOSClient';
import type { ChangePlanParams, Subscription } from '../core/types';
import { useMutation, type MutationState } from './useMutation';

type ChangePlanOptions = Omit<ChangePlanParams, 'priceId'>;

const run = (client: BillingOSClient, subscriptionId: string, priceId: string, options?: ChangePlanOptions) =>
  client.changePlan(subscriptionId, { ...options, priceId });

/**
 * Moves a subscription to another price, now or (`{ effective: 'period_end' }`) at the end of the
 * paid period, then refreshes subscriptions and entitlements.
 *
 * @example
 * const { changePlan, isPending, error } = useChangePlan();
 * <button disabled={isPending} onClick={() => changePlan(subscription.id, 'price_pro')}>Upgrade</button>
 * <button onClick={() => changePlan(subscription.id, 'price_basic', { effective: 'period_end' })}>Downgrade at renewal</button>
 */
export function useChangePlan(): MutationState<Subscription> & {
  changePlan: (subscriptionId: string, priceId: string, options?: ChangePlanOptions) => Promise<Subscription | undefined>;
} {
  const [changePlan, state] = useMutation('useChangePlan', run, ['subscriptions', 'entitlements']);
  return { ...state, changePlan };
}
