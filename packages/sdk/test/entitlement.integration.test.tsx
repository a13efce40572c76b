/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { BillingOSProvider, useEntitlement, type EntitlementCheck, type EntitlementResult } from '../src/index';
import { startStack, subscribedUser, type Stack } from './support/stack';

let stack: Stack;
let meteredPriceId: string;
beforeAll(async () => {
  stack = await startStack();
  const product = await stack.billing.products.create({
    name: 'Metered',
    featureKeys: ['exports'],
    features: [
      { key: 'ai_credits', type: 'metered', limit: 3, reset: 'period' },
      { key: 'storage', type: 'metered', limit: null, reset: 'never' },
    ],
    prices: [{ amount: 1_900, currency: 'usd', interval: 'month' }],
  });
  meteredPriceId = product.prices[0]!.id;
}, 120_000);
afterAll(() => stack.close());
afterEach(cleanup);

const FIELDS = ['hasAccess', 'limit', 'usage', 'balance', 'resetsAt', 'isLoading'] as const;
type Fields = Pick<EntitlementResult, (typeof FIELDS)[number]>;

/** Renders each feature's fields as JSON, and keeps each hook's result for the test to call. */
function mount(user: string, keys: string[]) {
  const results: Record<string, EntitlementResult> = {};
  function Feature({ featureKey }: { featureKey: string }) {
    const result = useEntitlement(featureKey);
    results[featureKey] = result;
    return <p data-testid={featureKey}>{JSON.stringify(Object.fromEntries(FIELDS.map((field) => [field, result[field]])))}</p>;
  }
  const { fetch, calls } = stack.browserFetch(user);
  render(
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={fetch}>
      {keys.map((key) => (
        <Feature key={key} featureKey={key} />
      ))}
    </BillingOSProvider>,
  );
  const fields = (key: string): Fields => JSON.parse(screen.getByTestId(key).textContent!) as Fields;
  return { results, calls, fields };
}

const loaded = async (fields: (key: string) => Fields, key: string) =>
  waitFor(() => expect(fields(key).isLoading).toBe(false), { timeout: 15_000 });

test('useEntitlement shows limit, usage, balance and resetsAt of metered features, nulls for boolean and missing ones', async () => {
  const customerId = await subscribedUser(stack, 'meter', meteredPriceId);
  await stack.billing.usage.record({ customerId, featureKey: 'ai_credits', value: 2 });
  const { fields, calls } = mount('meter', ['ai_credits', 'storage', 'exports', 'reports']);
  expect(fields('ai_credits')).toEqual({ hasAccess: false, limit: null, usage: null, balance: null, resetsAt: null, isLoading: true });
  await loaded(fields, 'ai_credits');

  const [subscription] = (await stack.billing.subscriptions.list({ customerId })).data;
  expect(fields('ai_credits')).toEqual({ hasAccess: true, limit: 3, usage: 2, balance: 1, resetsAt: subscription!.currentPeriodEnd, isLoading: false });
  expect(fields('storage')).toEqual({ hasAccess: true, limit: null, usage: 0, balance: null, resetsAt: null, isLoading: false });
  expect(fields('exports')).toEqual({ hasAccess: true, limit: null, usage: null, balance: null, resetsAt: null, isLoading: false });
  expect(fields('reports')).toEqual({ hasAccess: false, limit: null, usage: null, balance: null, resetsAt: null, isLoading: false });
  expect(calls.filter((call) => call.path === '/v1/me/entitlements')).toHaveLength(1);
});

test('a spent balance is no access; refetch shows what the server counted', async () => {
  const customerId = await subscribedUser(stack, 'spender', meteredPriceId);
  const { fields, results } = mount('spender', ['ai_credits']);
  await loaded(fields, 'ai_credits');
  expect(fields('ai_credits')).toMatchObject({ hasAccess: true, usage: 0, balance: 3 });

  await stack.billing.entitlements.check({ customerId, featureKey: 'ai_credits', requiredBalance: 3, track: true });
  await act(() => results.ai_credits!.refetch());
  expect(fields('ai_credits')).toMatchObject({ hasAccess: false, usage: 3, balance: 0 });
});

test('check(requiredBalance) asks the API through /v1/me/entitlements/check and counts nothing', async () => {
  const customerId = await subscribedUser(stack, 'checker', meteredPriceId);
  const { fields, results, calls } = mount('checker', ['ai_credits', 'reports']);
  await loaded(fields, 'ai_credits');

  let answers: EntitlementCheck[] = [];
  await act(async () => {
    answers = await Promise.all([results.ai_credits!.check(), results.ai_credits!.check(4), results.reports!.check()]);
  });
  expect(answers).toEqual([
    { allowed: true, featureKey: 'ai_credits', limit: 3, usage: 0, balance: 3, resetsAt: expect.any(String) },
    expect.objectContaining({ allowed: false, featureKey: 'ai_credits', balance: 3 }),
    expect.objectContaining({ allowed: false, featureKey: 'reports' }),
  ]);
  expect(calls.filter((call) => call.path === '/v1/me/entitlements/check').map((call) => [call.method, call.status])).toEqual([
    ['POST', 200],
    ['POST', 200],
    ['POST', 200],
  ]);
  expect(await stack.billing.entitlements.check({ customerId, featureKey: 'ai_credits' })).toMatchObject({ usage: 0 });
});

// jsdom enforces no CORS, so the preflight a real browser sends before check() is asserted here.
test('the API lets a browser call the check from any origin (CORS preflight)', async () => {
  const response = await fetch(`${stack.api.url}/v1/me/entitlements/check`, {
    method: 'OPTIONS',
    headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key' },
  });
  expect(response.status).toBe(204);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  expect(response.headers.get('access-control-allow-methods')).toContain('POST');
});
