'use client';
import type { Subscription } from '../core/types';
import { useResource, type ResourceResult } from './useResource';

/**
 * The customer's subscriptions (`GET /v1/me/subscriptions`).
 *
 * @example
 * const { data: subscriptions = [] } = useSubscriptions();
 * return <ul>{subscriptions.map((s) => <li key={s.id}>{s.status}</li>)}</ul>;
 */
export function useSubscriptions(): ResourceResult<Subscription[]> {
  return useResource('subscriptions', 'useSubscriptions');
}
