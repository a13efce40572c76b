/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import {
  AuthenticationError,
  BillingOSClient,
  BillingOSProvider,
  ConfigurationError,
  FunctionTokenSource,
  NotFoundError,
  PermissionError,
  StaticTokenSource,
  UrlTokenSource,
  isBillingOSError,
  useBillingOS,
  useCustomer,
  useSessionToken,
  useSubscriptions,
} from '../src/index';
import { startStack, subscribedUser, type Stack } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ expiresIn: 60 });
}, 120_000);
afterAll(() => stack.close());
afterEach(() => {
  cleanup();
  jest.useRealTimers();
});

const mint = (userId: string, allowedOperations?: ('read_customer' | 'read_subscription' | 'manage_subscription')[]) =>
  stack.billing.sessionTokens.create({ externalUserId: userId, ...(allowedOperations ? { allowedOperations } : {}) });
const tamper = (token: string) => token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');

describe('a 401 from the API', () => {
  test('forces one token refresh and retries once', async () => {
    const { fetch, calls } = stack.browserFetch('ada');
    const issued: string[] = [];
    const source = new FunctionTokenSource(async () => {
      const { sessionToken, expiresAt } = await mint('ada');
      issued.push(sessionToken);
      return { token: issued.length === 1 ? tamper(sessionToken) : sessionToken, expiresAt };
    });
    const client = new BillingOSClient({ apiUrl: stack.api.url, tokenSource: source, fetch });
    await expect(client.getCustomer()).resolves.toMatchObject({ externalUserId: 'ada' });
    expect(calls.map((c) => c.status)).toEqual([401, 200]);
    expect(issued).toHaveLength(2);
  });

  test('is thrown as an AuthenticationError after that one retry, never a loop', async () => {
    const { fetch, calls } = stack.browserFetch('ada');
    let requests = 0;
    const source = new FunctionTokenSource(async () => {
      requests += 1;
      const { sessionToken, expiresAt } = await mint('ada');
      return { token: tamper(sessionToken), expiresAt };
    });
    const client = new BillingOSClient({ apiUrl: stack.api.url, tokenSource: source, fetch });
    const error = await client.listSubscriptions().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ statusCode: 401, type: 'authentication_error' });
    expect((error as AuthenticationError).requestId).toMatch(/^req_/);
    expect(calls.map((c) => c.status)).toEqual([401, 401]);
    expect(requests).toBe(2);
  });

  test('from many requests at once causes one refresh', async () => {
    const { fetch, calls } = stack.browserFetch('ada');
    let requests = 0;
    const source = new FunctionTokenSource(async () => {
      requests += 1;
      const { sessionToken, expiresAt } = await mint('ada');
      return { token: requests === 1 ? tamper(sessionToken) : sessionToken, expiresAt };
    });
    const client = new BillingOSClient({ apiUrl: stack.api.url, tokenSource: source, fetch });
    await Promise.all([client.getCustomer(), client.listSubscriptions(), client.listEntitlements(), client.listProducts()]);
    expect(requests).toBe(2);
    expect(calls.filter((c) => c.status === 401)).toHaveLength(4);
    expect(calls.filter((c) => c.status === 200)).toHaveLength(4);
  });
});

test('a token that expires during the session is replaced before use: no failed call', async () => {
  await subscribedUser(stack, 'katherine', stack.basic.priceId);
  const { fetch, calls } = stack.browserFetch('katherine');
  // Only the clock is faked, in this realm, so the API server and the route see the same time pass.
  jest.useFakeTimers({ doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  let refetch!: () => Promise<unknown>;
  function Plan() {
    const subscriptions = useSubscriptions();
    refetch = subscriptions.refetch;
    const { expiresAt } = useSessionToken();
    return <p data-testid="plan">{`${subscriptions.data?.length ?? '…'} ${expiresAt?.toISOString() ?? ''}`}</p>;
  }
  const routeBefore = stack.routeRequests;
  render(
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={fetch}>
      <Plan />
    </BillingOSProvider>,
  );
  await waitFor(() => expect(screen.getByTestId('plan').textContent).toMatch(/^1 \d{4}-/), { timeout: 15_000 });
  const firstExpiry = screen.getByTestId('plan').textContent!.split(' ')[1]!;

  jest.setSystemTime(Date.now() + 65_000);
  await act(() => refetch());
  expect(stack.routeRequests - routeBefore).toBe(2);
  expect(screen.getByTestId('plan').textContent!.split(' ')[1]).not.toBe(firstExpiry);
  expect(calls.map((c) => `${c.path} ${c.status}`)).toEqual(['/v1/me/subscriptions 200', '/v1/me/subscriptions 200']);
});

describe('scopes and errors', () => {
  test('a plan change without manage_subscription is a PermissionError that says why', async () => {
    await subscribedUser(stack, 'edsger', stack.basic.priceId);
    const { fetch } = stack.browserFetch('edsger');
    const source = new FunctionTokenSource(async () => {
      const { sessionToken, expiresAt } = await mint('edsger', ['read_subscription']);
      return { token: sessionToken, expiresAt };
    });
    const client = new BillingOSClient({ apiUrl: stack.api.url, tokenSource: source, fetch });
    const [subscription] = (await client.listSubscriptions()).data;
    const error = await client.changePlan(subscription!.id, { priceId: stack.pro.priceId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect(isBillingOSError(error, 'permission_error')).toBe(true);
    expect((error as PermissionError).message).toMatch(/manage_subscription/);
  });

  test('cancelling an unknown subscription is a NotFoundError', async () => {
    const { fetch } = stack.browserFetch('ada');
    const client = new BillingOSClient({ apiUrl: stack.api.url, tokenSource: new UrlTokenSource(stack.routeUrl, { fetch }), fetch });
    await expect(client.cancelSubscription('sub_missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('a logged-out visitor gets the session route’s 401 as the token error, and no API call is made', async () => {
    const { fetch, calls } = stack.browserFetch('');
    const signedOut: typeof fetch = (input, init) => globalThis.fetch(input, init);
    const client = new BillingOSClient({ apiUrl: stack.api.url, tokenSource: new UrlTokenSource(stack.routeUrl, { fetch: signedOut }), fetch });
    await expect(client.getCustomer()).rejects.toMatchObject({ type: 'authentication_error', code: 'not_authenticated' });
    expect(calls).toHaveLength(0);
  });
});

describe('secret keys never run in the browser', () => {
  const secret = 'sk_test_0123456789abcdef';

  test('the client refuses one as a publishable key, explaining where it belongs', () => {
    expect(() => new BillingOSClient({ publishableKey: secret })).toThrow(ConfigurationError);
    expect(() => new BillingOSClient({ publishableKey: secret })).toThrow(/must stay on your server.*createSessionRoute/);
  });

  test('surrounding whitespace (a stray space or newline from an env file) does not sneak one through', async () => {
    for (const padded of [` ${secret}`, `\n${secret}`, `${secret}\n`, `\t ${secret}`]) {
      expect(() => new BillingOSClient({ publishableKey: padded })).toThrow(ConfigurationError);
      const { fetch, calls } = stack.browserFetch('ada');
      const client = new BillingOSClient({ apiUrl: stack.api.url, tokenSource: new StaticTokenSource(` ${stack.api.secretKey}`), fetch });
      await expect(client.getCustomer()).rejects.toThrow(ConfigurationError);
      expect(calls).toHaveLength(0);
    }
  });

  test('the provider refuses one as apiKey, sessionToken or publishableKey', () => {
    jest.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<BillingOSProvider apiKey={secret} />)).toThrow(/Secret keys must stay on your server/);
    expect(() => render(<BillingOSProvider sessionToken={secret} />)).toThrow(/Secret keys must stay on your server/);
    expect(() => render(<BillingOSProvider sessionTokenUrl="/api/billingos-session" publishableKey={` ${secret}`} />)).toThrow(/Secret keys must stay on your server/);
  });

  test('a token source that returns one is refused before it is sent anywhere', async () => {
    const { fetch, calls } = stack.browserFetch('ada');
    const client = new BillingOSClient({ apiUrl: stack.api.url, tokenSource: new StaticTokenSource(stack.api.secretKey), fetch });
    await expect(client.getCustomer()).rejects.toThrow(ConfigurationError);
    expect(calls).toHaveLength(0);
  });
});

test('legacy mode: a publishable key and customerId read that customer’s billing, with a one-time dev warning', async () => {
  const customerId = await subscribedUser(stack, 'alan', stack.pro.priceId);
  const { fetch, calls } = stack.browserFetch('alan');
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  function Customer() {
    return <p data-testid="customer">{useCustomer().data?.externalUserId ?? '…'}</p>;
  }
  const tree = (
    <BillingOSProvider apiKey={stack.api.publishableKey} customerId={customerId} apiUrl={stack.api.url} fetch={fetch}>
      <Customer />
    </BillingOSProvider>
  );
  const { rerender } = render(tree);
  rerender(tree);
  await waitFor(() => expect(screen.getByTestId('customer').textContent).toBe('alan'), { timeout: 15_000 });
  expect(calls[0]!.authorization).toBe(`Bearer ${stack.api.publishableKey}`);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(warn.mock.calls[0]![0]).toMatch(/legacy mode.*sessionTokenUrl/);
});

test('data that failed for want of a token loads once a token arrives (the visitor signs in)', async () => {
  await subscribedUser(stack, 'margaret', stack.basic.priceId);
  let user = '';
  const signedInFetch: typeof fetch = (input, init) => stack.browserFetch(user).fetch(input, init);
  let refresh!: () => Promise<string>;
  function Plan() {
    const subscriptions = useSubscriptions();
    const token = useSessionToken();
    refresh = token.refresh;
    return <p data-testid="plan">{subscriptions.error ? `error ${subscriptions.error.message}` : (subscriptions.data?.length ?? '…')}</p>;
  }
  render(
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={signedInFetch}>
      <Plan />
    </BillingOSProvider>,
  );
  await waitFor(() => expect(screen.getByTestId('plan').textContent).toMatch(/^error Log in/), { timeout: 15_000 });
  user = 'margaret';
  await act(() => refresh());
  await waitFor(() => expect(screen.getByTestId('plan').textContent).toBe('1'), { timeout: 15_000 });
});

test('getAuthHeader(): the session token wins over a publishable key', async () => {
  const { sessionToken, expiresAt } = await mint('ada');
  const both = new BillingOSClient({ tokenSource: new StaticTokenSource(sessionToken, expiresAt), publishableKey: stack.api.publishableKey });
  await expect(both.getAuthHeader()).resolves.toBe(`Bearer ${sessionToken}`);
  const legacy = new BillingOSClient({ publishableKey: stack.api.publishableKey });
  await expect(legacy.getAuthHeader()).resolves.toBe(`Bearer ${stack.api.publishableKey}`);
  expect(() => new BillingOSClient({})).toThrow(/needs credentials: pass sessionTokenUrl/);
});

test('useBillingOS outside a provider says what to wrap the app in', () => {
  jest.spyOn(console, 'error').mockImplementation(() => {});
  expect(() => renderHook(() => useBillingOS())).toThrow(/inside <BillingOSProvider>/);
});

test('useSessionToken(url) works without a provider', async () => {
  const original = globalThis.fetch;
  // The page's cookie jar, for the global fetch the hook uses.
  globalThis.fetch = (input, init) => {
    if (typeof input !== 'string' || !input.startsWith(stack.routeUrl)) return original(input, init);
    return original(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie: 'uid=ada' } });
  };
  try {
    const { result } = renderHook(() => useSessionToken(stack.routeUrl));
    await waitFor(() => expect(result.current.token ?? String(result.current.error)).toMatch(/^ey/), { timeout: 15_000 });
    expect(result.current).toMatchObject({ isLoading: false, error: null });
    expect(result.current.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  } finally {
    globalThis.fetch = original;
  }
});
