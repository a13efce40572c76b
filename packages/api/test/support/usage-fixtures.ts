import { attachCard } from './fixtures';
import type { client } from './http';

type Api = ReturnType<typeof client>;

/** A product with a monthly price granting `features` (metered and boolean). */
export async function createMeteredPlan(api: Api, key: string, name: string, features: object[], trialDays = 0) {
  const response = await api('POST', '/v1/products', {
    key,
    body: { name, features, prices: [{ amount: 1000, currency: 'usd', interval: 'month', trialDays }] },
  });
  if (response.status !== 201) throw new Error(`createMeteredPlan failed: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; prices: { id: string }[] };
}

/**
 * A customer with a card on file (`pm_card_visa`), subscribed to `priceId` and paid up: a paid
 * price is charged before the subscription starts, so it is `active` with its features.
 * `testClockId` runs it on that clock.
 */
export async function subscribedCustomer(api: Api, key: string, externalUserId: string, priceId: string, testClockId?: string) {
  const customer = await api('POST', '/v1/customers', { key, body: { externalUserId, ...(testClockId ? { testClockId } : {}) } });
  if (customer.status !== 201) throw new Error(`customer failed: ${JSON.stringify(customer.body)}`);
  await attachCard(api, key, customer.body.id);
  const subscription = await api('POST', '/v1/subscriptions', { key, body: { customerId: customer.body.id, priceId } });
  if (subscription.status !== 201) throw new Error(`subscription failed: ${JSON.stringify(subscription.body)}`);
  if (!['active', 'trialing'].includes(subscription.body.status)) throw new Error(`subscription is ${subscription.body.status}: ${JSON.stringify(subscription.body)}`);
  return { customerId: customer.body.id as string, subscription: subscription.body as { id: string; currentPeriodStart: string; currentPeriodEnd: string } };
}
