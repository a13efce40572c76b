'use client';
import { useCallback, useState } from 'react';
import type { BillingOSClient } from '../core/BillingOSClient';
import type { ResourceKey } from '../core/query/QueryCache';
import { useBillingOSContext } from './useBillingOSContext';

/** The state of a mutation hook. */
export interface MutationState<T> {
  data: T | undefined;
  error: Error | null;
  isPending: boolean;
}

/**
 * Runs a write, then refetches the resources it affects before settling. The returned function
 * never rejects (the error is in the state), so it can go straight into `onClick`.
 */
export function useMutation<A extends unknown[], T>(
  hook: string,
  run: (client: BillingOSClient, ...args: A) => Promise<T>,
  affects: ResourceKey[],
): [(...args: A) => Promise<T | undefined>, MutationState<T>] {
  const { client, cache } = useBillingOSContext(hook);
  const [state, setState] = useState<MutationState<T>>({ data: undefined, error: null, isPending: false });
  const mutate = useCallback(
    async (...args: A) => {
      setState((previous) => ({ ...previous, error: null, isPending: true }));
      try {
        const data = await run(client, ...args);
        await cache.invalidate(...affects).catch(() => {});
        setState({ data, error: null, isPending: false });
        return data;
      } catch (error) {
        setState({ data: undefined, error: error as Error, isPending: false });
        return undefined;
      }
    },
    // `run` and `affects` are module constants of each hook.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, cache],
  );
  return [mutate, state];
}
