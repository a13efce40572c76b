'use client';
import { useState } from 'react';
import { useBillingOS, useEntitlements, useSubscriptions, type UpdateSubscriptionParams } from '@billingos/sdk';

/** Resume, or drop a scheduled change: a PATCH through the client, then fresh subscriptions and entitlements. */
export function useSubscriptionUpdate() {
  const client = useBillingOS();
  const subscriptions = useSubscriptions();
  const entitlements = useEntitlements();
  const [state, setState] = useState<{ isPending: boolean; error: Error | null }>({ isPending: false, error: null });
  const update = async (subscriptionId: string, params: UpdateSubscriptionParams): Promise<boolean> => {
    setState({ isPending: true, error: null });
    try {
      await client.updateSubscription(subscriptionId, params);
      await Promise.all([subscriptions.refetch(), entitlements.refetch()]).catch(() => {});
      setState({ isPending: false, error: null });
      return true;
    } catch (error) {
      setState({ isPending: false, error: error as Error });
      return false;
    }
  };
  return { update, ...state };
}
