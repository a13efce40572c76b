import { BillingOS, type BillingOSConfig } from '@billingos/node';
import type { FactoryProvider } from '@nestjs/common';
import type { BillingOSClientOptions } from './billingos-module-options';
import { BILLINGOS_MODULE_OPTIONS } from './tokens';

const CLIENT_KEYS = ['secretKey', 'apiUrl', 'webhookSecret', 'timeout', 'maxRetries', 'transport', 'retryPolicy'] as const;

/** One `BillingOS` client per module instance: two configurations never share one. */
export const billingOSClientProvider: FactoryProvider<BillingOS> = {
  provide: BillingOS,
  inject: [BILLINGOS_MODULE_OPTIONS],
  useFactory: (options: BillingOSClientOptions) => new BillingOS(toClientConfig(options)),
};

/** Only the keys the client knows and that are set, so the SDK's own defaults (env variables) apply. */
function toClientConfig(options: BillingOSClientOptions): BillingOSConfig {
  const entries = CLIENT_KEYS.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]);
  return Object.fromEntries(entries) as BillingOSConfig;
}
