/** @jest-environment node */
import { BillingOSClient } from '../src/core/BillingOSClient';
import { QueryCache } from '../src/core/query/QueryCache';
import { CountingSource } from './support/countingSource';

// The API's answer to GET /v1/me names the customer the bearer token belongs to.
const meByToken: typeof fetch = async (_input, init) => {
  const token = new Headers(init?.headers).get('authorization')?.replace('Bearer ', '') ?? '';
  return new Response(JSON.stringify({ id: `cus_of_${token}`, externalUserId: token }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
};

test('after tokens.clear() (a sign-out) the cache drops the previous customer and refetches with the new token', async () => {
  const source = new CountingSource(60 * 60_000);
  const client = new BillingOSClient({ apiUrl: 'https://api.test', tokenSource: source, fetch: meByToken });
  const cache = new QueryCache(client);
  const customer = cache.get('customer');
  const unsubscribe = customer.subscribe(() => {});
  const stop = client.tokens.start();

  await customer.fetch();
  expect(customer.getState().data?.id).toBe('cus_of_token_1');

  client.tokens.clear();
  expect(customer.getState().data).toBeUndefined();
  await new Promise((resolve) => setTimeout(resolve, 20));
  await customer.fetch();
  expect(customer.getState().data?.id).toBe('cus_of_token_2');

  unsubscribe();
  stop();
});
