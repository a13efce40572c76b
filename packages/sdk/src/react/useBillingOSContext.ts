'use client';
import { useContext } from 'react';
import { ConfigurationError } from '../core/errors/ConfigurationError';
import { BillingOSContext, type BillingOSContextValue } from './BillingOSContext';

export function useBillingOSContext(hook: string): BillingOSContextValue {
  const value = useContext(BillingOSContext);
  if (!value) {
    throw new ConfigurationError({
      code: 'missing_provider',
      message: `${hook}() must be called inside <BillingOSProvider>. Wrap your app (or layout) in <BillingOSProvider sessionTokenUrl="/api/billingos-session">.`,
    });
  }
  return value;
}
