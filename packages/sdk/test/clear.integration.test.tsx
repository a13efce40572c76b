/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { BillingOSClient, BillingOSProvider, UrlTokenSource, useCustomer, useSessionToken } from '../src/index';
import { until } from './support/deferred';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack.close());
afterEach(cleanup);

/**
 * The browser of a shared computer: `user` is whoever is signed in now (the session route's
 * cookie), and answers to a path starting with `holding` are held, once the real server has
 * given them, until the test releases them: a slow network.
 */
function sharedBrowser(user: string) {
  const browser = {
    user,
    holding: null as string | null,
    held: [] as { path: string; release(): void }[],
    sent: [] as { method: string; path: string; user: string }[],
    fetch: (async (input, init) => {
      const url = new URL(String(input));
      const sentAs = browser.user;
      if (url.origin === new URL(stack.api.url).origin) browser.sent.push({ method: init?.method ?? 'GET', path: url.pathname, user: sentAs });
      const response = await stack.browserFetch(sentAs).fetch(input, init);
      if (!browser.holding || !url.pathname.startsWith(browser.holding)) return response;
      return new Promise<Response>((resolve) => browser.held.push({ path: url.pathname, release: () => resolve(response) }));
    }) as typeof fetch,
  };
  return browser;
}

test('sign-out while the old user’s billing is on its way: it is never shown, the next user’s is', async () => {
  const browser = sharedBrowser('ada_signout');
  browser.holding = '/v1/me';
  const shown: string[] = [];
  let clear!: () => void;
  function Who() {
    const { data } = useCustomer();
    clear = useSessionToken().clear;
    const who = data?.externalUserId ?? '…';
    shown.push(who);
    return <p data-testid="who">{who}</p>;
  }
  render(
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={browser.fetch} createChannel={false}>
      <Who />
    </BillingOSProvider>,
  );
  await waitFor(() => expect(browser.held).toHaveLength(1), { timeout: 15_000 });

  browser.user = 'bob_signin'; // ada signs out, bob signs in on the same browser
  browser.holding = null;
  act(() => clear());
  await act(async () => browser.held[0]!.release()); // ada's answer arrives after the sign-out

  await waitFor(() => expect(screen.getByTestId('who').textContent).toBe('bob_signin'), { timeout: 15_000 });
  expect(shown).not.toContain('ada_signout');
  expect(browser.sent.map((call) => `${call.path} ${call.user}`)).toEqual(['/v1/me ada_signout', '/v1/me bob_signin']);
});

test('a write waiting for its token at sign-out is never sent, with either user’s token', async () => {
  const browser = sharedBrowser('grace_signout');
  const client = new BillingOSClient({
    apiUrl: stack.api.url,
    tokenSource: new UrlTokenSource(stack.routeUrl, { fetch: browser.fetch }),
    fetch: browser.fetch,
    createChannel: false,
  });
  browser.holding = '/api/billingos-session';
  const write = client.createSubscription({ priceId: stack.pro.priceId });
  await until(() => browser.held.length === 1, 15_000);

  browser.user = 'linus_signin';
  browser.holding = null;
  client.tokens.clear();
  browser.held[0]!.release(); // grace's session token arrives after the sign-out
  await expect(write).rejects.toMatchObject({ type: 'authentication_error', code: 'session_cleared' });
  expect(browser.sent).toEqual([]);

  // The client carries on for whoever is signed in now.
  await expect(client.getCustomer()).resolves.toMatchObject({ externalUserId: 'linus_signin' });
  expect(browser.sent.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /v1/me']);
});
