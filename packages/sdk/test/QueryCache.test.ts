/** @jest-environment node */
import { BillingOSClient } from '../src/core/BillingOSClient';
import { QueryCache } from '../src/core/query/QueryCache';
import { CountingSource } from './support/countingSource';
import { deferred, until } from './support/deferred';
import { HeldSource } from './support/heldSource';

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

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** `GET /v1/me` answers held until the test releases them, recording each call's token and signal. */
function heldApi() {
  const calls: { token: string; signal: AbortSignal | undefined; release(): void }[] = [];
  const fetch: typeof globalThis.fetch = (_input, init) => {
    const token = new Headers(init?.headers).get('authorization')?.replace('Bearer ', '') ?? '';
    const answer = deferred<Response>();
    calls.push({ token, signal: init?.signal ?? undefined, release: () => answer.resolve(meByToken('', init) as never) });
    return answer.promise;
  };
  return { fetch, calls };
}

test('a query in flight at clear() never lands in the cache; its caller gets session_cleared and the new session’s data follows', async () => {
  const api = heldApi();
  const client = new BillingOSClient({ apiUrl: 'https://api.test', tokenSource: new CountingSource(60 * 60_000), fetch: api.fetch, createChannel: false });
  const cache = new QueryCache(client);
  const customer = cache.get('customer');
  const shown: (string | undefined)[] = [];
  cleanups.push(customer.subscribe(() => shown.push(customer.getState().data?.id)), client.tokens.start());

  const old = customer.fetch();
  await until(() => api.calls.length === 1);
  expect(api.calls[0]!.token).toBe('token_1');
  client.tokens.clear();
  expect(api.calls[0]!.signal?.aborted).toBe(true);
  api.calls[0]!.release(); // the signed-out user's answer arrives anyway
  await expect(old).rejects.toMatchObject({ type: 'authentication_error', code: 'session_cleared' });
  expect(customer.getState()).toMatchObject({ data: undefined, error: null });

  await until(() => api.calls.length === 2);
  expect(api.calls[1]!.token).toBe('token_2');
  api.calls[1]!.release();
  await until(() => customer.getState().data?.id === 'cus_of_token_2');
  expect(customer.getState()).toMatchObject({ error: null, isLoading: false, isFetching: false });
  expect(shown).not.toContain('cus_of_token_1');
});

test('a query waiting for the first token at clear() never asks the API with the signed-out user’s token', async () => {
  const tokens = new HeldSource();
  const api = heldApi();
  const client = new BillingOSClient({ apiUrl: 'https://api.test', tokenSource: tokens, fetch: api.fetch, createChannel: false });
  const cache = new QueryCache(client);
  const customer = cache.get('customer');
  const shown: (string | undefined)[] = [];
  cleanups.push(customer.subscribe(() => shown.push(customer.getState().data?.id)), client.tokens.start());
  customer.ensure();
  await until(() => tokens.requests.length === 1);

  client.tokens.clear();
  tokens.requests[0]!.release();
  await until(() => tokens.requests.length === 2);
  tokens.requests[1]!.release();
  await until(() => api.calls.length >= 1);
  api.calls.forEach((call) => call.release());
  await until(() => customer.getState().data !== undefined);

  expect(api.calls.map((call) => call.token)).toEqual(['token_2']);
  expect(customer.getState().data?.id).toBe('cus_of_token_2');
  expect(shown).not.toContain('cus_of_token_1');
});

test('server-read initialState seeds settled, fresh queries; after a sign-out nothing of it is used', async () => {
  const client = new BillingOSClient({ apiUrl: 'https://api.test', tokenSource: new CountingSource(60 * 60_000), fetch: meByToken });
  const seeded = { id: 'cus_seeded' } as never;
  const cache = new QueryCache(client, { customer: seeded, subscriptions: [] });
  expect(cache.get('customer').getState()).toEqual({ data: seeded, error: null, isLoading: false, isFetching: false });
  cache.get('customer').ensure();
  expect(cache.get('customer').getState().isFetching).toBe(false);

  client.tokens.clear();
  expect(cache.get('customer').getState().data).toBeUndefined();
  // Not yet created at the sign-out: it starts empty too, not with the old user's list.
  expect(cache.get('subscriptions').getState()).toMatchObject({ data: undefined, isLoading: true });
});
