'use client';
import { createContext } from 'react';
import type { BillingOSClient } from '../core/BillingOSClient';
import type { QueryCache } from '../core/query/QueryCache';

/** What the provider shares; one object for the provider's lifetime, so token rotation re-renders nothing through it. */
export interface BillingOSContextValue {
  client: BillingOSClient;
  cache: QueryCache;
}

export const BillingOSContext = createContext<BillingOSContextValue | null>(null);
