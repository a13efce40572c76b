import type { BillingOSClient } from '@billingos/sdk';

/**
 * Starts a checkout for `priceId` that comes back to this page when done or canceled, and hands
 * its URL to `leave`. It resolves only if starting fails (it rejects then): while the page
 * unloads, the dialog stays busy.
 */
export async function toCheckout(client: BillingOSClient, priceId: string, leave: (url: string) => void): Promise<never> {
  const here = location.href;
  const { url } = await client.request<{ url: string }>('POST', '/v1/me/checkout-sessions', { mode: 'subscription', priceId, successUrl: here, cancelUrl: here });
  leave(url);
  return new Promise<never>(() => {});
}
