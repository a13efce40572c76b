'use client';
import type { Entitlement } from '../core/types';
import type { ResourceResult } from './useResource';
import { useEntitlements } from './useEntitlements';

export interface EntitlementResult extends Omit<ResourceResult<Entitlement[]>, 'data'> {
  /** Whether the customer may use the feature; `false` while loading. */
  hasAccess: boolean;
  entitlement: Entitlement | undefined;
}

/**
 * Whether the customer has one feature. Shares the entitlements request with every other reader.
 *
 * @example
 * const { hasAccess, isLoading } = useEntitlement('advanced_reports');
 * if (!isLoading && !hasAccess) return <UpgradeButton />;
 */
export function useEntitlement(featureKey: string): EntitlementResult {
  const { data, ...rest } = useEntitlements();
  const entitlement = data?.find((e) => e.featureKey === featureKey);
  return { ...rest, hasAccess: entitlement !== undefined, entitlement };
}
