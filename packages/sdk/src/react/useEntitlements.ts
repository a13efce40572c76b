'use client';
import type { Entitlement } from '../core/types';
import { useResource, type ResourceResult } from './useResource';

/**
 * Every feature the customer's active and trialing subscriptions grant (`GET /v1/me/entitlements`).
 *
 * @example
 * const { data: entitlements = [] } = useEntitlements();
 */
export function useEntitlements(): ResourceResult<Entitlement[]> {
  return useResource('entitlements', 'useEntitlements');
}
