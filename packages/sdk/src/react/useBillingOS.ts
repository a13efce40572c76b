'use client';
import type { BillingOSClient } from '../core/BillingOSClient';
import { useBillingOSContext } from './useBillingOSContext';

/**
 * The {@link BillingOSClient} of the nearest `<BillingOSProvider>`, for calls the hooks do not cover.
 * Throws a clear error outside the provider.
 *
 * @example
 * const billing = useBillingOS();
 * await billing.createSubscription({ priceId: 'price_pro_monthly' });
 */
export function useBillingOS(): BillingOSClient {
  return useBillingOSContext('useBillingOS').client;
}
