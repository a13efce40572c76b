'use client';
import { useEntitlement } from '@billingos/sdk';
import type { ReactNode } from 'react';

export interface ProtectProps {
  /** The feature key the children need, e.g. `'exports'`. */
  feature: string;
  /** For a metered feature: how much must be left. @default 1 (any balance above 0) */
  requiredBalance?: number;
  /** Shown when the feature is not granted or not enough is left. @default nothing */
  fallback?: ReactNode;
  /** Shown until the entitlements have loaded. @default nothing */
  loading?: ReactNode;
  children?: ReactNode;
}

/**
 * Shows its children only when the customer has the feature (and, if metered, at least
 * `requiredBalance` left); otherwise the fallback. It hides UI only: check on your server too.
 *
 * @example
 * <Protect feature="exports" fallback={<Paywall feature="exports" />}>
 *   <ExportButton />
 * </Protect>
 */
export function Protect({ feature, requiredBalance = 1, fallback = null, loading = null, children }: ProtectProps) {
  const { entitlement, balance, isLoading } = useEntitlement(feature);
  if (!entitlement && isLoading) return loading;
  return entitlement && (balance === null || balance >= requiredBalance) ? children : fallback;
}
