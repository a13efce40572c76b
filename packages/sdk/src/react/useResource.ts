'use client';
import { useEffect, useSyncExternalStore } from 'react';
import type { QueryState } from '../core/query/Query';
import type { ResourceData, ResourceKey } from '../core/query/QueryCache';
import { useBillingOSContext } from './useBillingOSContext';

/** What every data hook returns. */
export interface ResourceResult<T> extends QueryState<T> {
  /** Fetches again now (joining a request already running). */
  refetch: () => Promise<T>;
}

/** The TanStack observer pattern: one shared query per resource, read with `useSyncExternalStore`. */
export function useResource<K extends ResourceKey>(key: K, hook: string): ResourceResult<ResourceData<K>> {
  const query = useBillingOSContext(hook).cache.get(key);
  const state = useSyncExternalStore(query.subscribe, query.getState, query.getState);
  useEffect(() => query.ensure(), [query]);
  return { ...state, refetch: query.fetch };
}
