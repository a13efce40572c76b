'use client';
import { useCallback } from 'react';
import type { Entitlement, EntitlementCheck } from '../core/types';
import type { ResourceResult } from './useResource';
import { useBillingOSContext } from './useBillingOSContext';
import { useEntitlements } from './useEntitlements';

export interface EntitlementResult extends Omit<ResourceResult<Entitlement[]>, 'data'> {
  /** Whether the customer may use the feature: granted and, if metered, a balance above 0 (or unlimited). `false` while loading. */
  hasAccess: boolean;
  entitlement: Entitlement | undefined;
  /** A metered feature's limit; `null` when unlimited, boolean, not granted or loading. */
  limit: number | null;
  /** A metered feature's usage this period; `null` when boolean, not granted or loading. */
  usage: number | null;
  /** `limit − usage`; `null` when unlimited, boolean, not granted or loading. */
  balance: number | null;
  /** When usage starts again at 0 (ISO-8601); `null` if never, or not metered. */
  resetsAt: string | null;
  /** Asks the API now whether `requiredBalance` (default 1) is left (`POST /v1/me/entitlements/check`); counts nothing. */
  check: (requiredBalance?: number) => Promise<EntitlementCheck>;
}

/**
 * One feature of the customer: whether they may use it and, if metered, how much is left. Shares
 * the entitlements request with every other reader.
 *
 * @example
 * const { hasAccess, usage, limit, isLoading } = useEntitlement('ai_credits');
 * if (!isLoading && !hasAccess) return <UpgradeButton />;
 * return <p>{usage} of {limit ?? '∞'} credits used</p>;
 */
export function useEntitlement(featureKey: string): EntitlementResult {
  const { client } = useBillingOSContext('useEntitlement');
  const { data, ...rest } = useEntitlements();
  const entitlement = data?.find((e) => e.featureKey === featureKey);
  const balance = entitlement?.balance ?? null;
  const check = useCallback((requiredBalance?: number) => client.checkEntitlement(featureKey, requiredBalance), [client, featureKey]);
  return {
    ...rest,
    hasAccess: !!entitlement && (balance === null || balance > 0),
    entitlement,
    limit: entitlement?.limit ?? null,
    usage: entitlement?.usage ?? null,
    balance,
    resetsAt: entitlement?.resetsAt ?? null,
    check,
  };
}
