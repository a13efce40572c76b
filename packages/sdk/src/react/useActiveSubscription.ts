'use client';
import type { Subscription } from '../core/types';
import type { ResourceResult } from './useResource';
import { useSubscriptions } from './useSubscriptions';

/**
 * The customer's subscription that is not canceled (trialing, active, or past due while a renewal is collected): `null` when there is none, `undefined` while loading.
 *
 * @example
 * const { data: subscription } = useActiveSubscription();
 * if (subscription === null) return <PricingTable />;
 */
export function useActiveSubscription(): Omit<ResourceResult<Subscription[]>, 'data'> & { data: Subscription | null | undefined } {
  const result = useSubscriptions();
  const data = result.data && (result.data.find((s) => s.status !== 'canceled') ?? null);
  return { ...result, data };
}
