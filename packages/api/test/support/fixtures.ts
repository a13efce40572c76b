import type { client } from './http';

type Api = ReturnType<typeof client>;

/** A product with a monthly and a yearly price and the given feature keys. */
export async function createPlan(api: Api, key: string, name: string, featureKeys: string[], trialDays = 0) {
  const response = await api('POST', '/v1/products', {
    key,
    body: {
      name,
      featureKeys,
      prices: [
        { amount: 1000, currency: 'usd', interval: 'month', trialDays },
        { amount: 10000, currency: 'usd', interval: 'year' },
      ],
    },
  });
  if (response.status !== 201) throw new Error(`createPlan failed: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; prices: { id: string }[] };
}

export async function createCustomer(api: Api, key: string, externalUserId: string) {
  const response = await api('POST', '/v1/customers', { key, body: { externalUserId } });
  if (response.status !== 201) throw new Error(`createCustomer failed: ${JSON.stringify(response.body)}`);
  return response.body as { id: string };
}

export async function mintToken(api: Api, key: string, externalUserId: string, allowedOperations?: string[]) {
  const response = await api('POST', '/v1/session-tokens', { key, body: { externalUserId, ...(allowedOperations ? { allowedOperations } : {}) } });
  if (response.status !== 201) throw new Error(`mintToken failed: ${JSON.stringify(response.body)}`);
  return response.body as { sessionToken: string; customerId: string };
}

/**
 * Saves a card for the customer with the secret key (a test-mode alias, `pm_card_visa` unless
 * told), so a self-serve subscribe to a paid price can charge the card on file.
 */
export async function attachCard(api: Api, key: string, customerId: string, paymentMethodId = 'pm_card_visa') {
  const response = await api('POST', `/v1/customers/${customerId}/payment-methods`, { key, body: { paymentMethodId } });
  if (response.status !== 201) throw new Error(`attachCard failed: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; isDefault: boolean };
}
