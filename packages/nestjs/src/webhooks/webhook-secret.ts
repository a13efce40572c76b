import type { BillingOSClientOptions } from '../billingos-module-options';

/** The module's `webhookSecret`, else `BILLINGOS_WEBHOOK_SECRET`, as the node SDK resolves it. */
export function webhookSecretOf(options: BillingOSClientOptions): string | undefined {
  return options.webhookSecret ?? process.env.BILLINGOS_WEBHOOK_SECRET;
}
