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
