/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import type { ReactNode } from 'react';
import { BillingOSProvider, useBillingOS, type BillingOSClient, type InitialToken } from '../../src/index';
import { BillingPortal, PricingTable, UsageMeter } from '../../src/ui';
import { withCatalogStack, subscribe } from './catalog';

const env = withCatalogStack();

const operations = ['read_customer', 'read_subscription', 'read_entitlements', 'manage_subscription'] as const;
const ui = (
  <>
    <BillingPortal locale="en-US" timeZone="UTC" localization={{ features: { ai_credits: 'AI credits' } }} />
    <PricingTable locale="en-US" />
    <UsageMeter feature="ai_credits" localization={{ features: { ai_credits: 'AI credits' } }} />
  </>
);

/**
 * The browser's `fetch` for `user`, noting each API request when it starts ("GET /v1/me"), before
 * any answer, so a request the page made on its own is seen however slowly it is answered.
 */
function browserFetch(user: string) {
  const { fetch, calls } = env.stack.browserFetch(user);
  const started: string[] = [];
  const noting: typeof fetch = (input, init) => {
    const url = new URL(String(input));
    if (url.origin === env.stack.api.url) started.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    return fetch(input, init);
  };
  return { fetch: noting, calls, started };
}

/** Renders nothing; keeps the provider's client, so the test can make the request that must come after any the page made. */
const probe: { client?: BillingOSClient } = {};
function Probe() {
  probe.client = useBillingOS();
  return null;
}

/**
 * A request of the test's own through the page's client (and its token), made once the page is
 * rendered: a request the page started by itself started before it, so the page made none of its
 * own when this is the only one.
 */
async function ownRequest(started: string[]): Promise<void> {
  await act(() => probe.client!.getCustomer());
  expect(started).toEqual(['GET /v1/me']);
}

/** What a server page does: mint a token, read the billing state, hand both to the provider. */
async function serverRead(user: string) {
  const minted = await env.stack.billing.createSessionToken({ externalUserId: user, allowedOperations: [...operations] });
  const state = await env.stack.billing.getBillingState({ externalUserId: user });
  const { fetch, calls, started } = browserFetch(user);
  const tree = (initialToken: InitialToken): ReactNode => (
    <BillingOSProvider sessionTokenUrl={env.stack.routeUrl} apiUrl={env.stack.api.url} fetch={fetch} createChannel={false} initialToken={initialToken} initialState={state}>
      <Probe />
      {ui}
    </BillingOSProvider>
  );
  return { minted, tree, calls, started };
}

beforeEach(() => delete probe.client);

test('the first render is filled (plan, price, meter), with no loading state and no request at all', async () => {
  const { subscription } = await subscribe(env.stack, 'seeded', env.catalog.starter.monthly);
  await env.stack.billing.entitlements.check({ externalUserId: 'seeded', featureKey: 'ai_credits', requiredBalance: 3, track: true });
  const { minted, tree, calls, started } = await serverRead('seeded');
  const routeRequests = env.stack.routeRequests;

  render(tree(minted));
  expect(screen.queryByText(/Loading/)).toBeNull();
  expect(document.querySelector('.billingos-skeleton')).toBeNull();
  expect(screen.getByRole('heading', { name: 'Starter', level: 2 })).toBeTruthy();
  expect(screen.getByRole('region', { name: 'Billing' }).textContent).toContain('$9 / month');
  const meters = screen.getAllByRole('meter', { name: 'AI credits' });
  expect(meters.map((meter) => meter.getAttribute('aria-valuenow'))).toEqual(['3', '3']);
  expect(within(screen.getByRole('list', { name: 'Plans' })).getByRole('listitem', { name: 'Team' })).toBeTruthy();

  await ownRequest(started);
  expect(env.stack.routeRequests).toBe(routeRequests);

  // The server's token is the one a mutation uses: still no trip to the session route.
  fireEvent.click(screen.getByRole('button', { name: 'Cancel plan' }));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel plan' }));
  await waitFor(() => expect(screen.getByRole('button', { name: 'Resume plan' })).toBeTruthy(), { timeout: 15_000 });
  expect(started[1]).toBe(`POST /v1/me/subscriptions/${subscription.id}/cancel`);
  expect(calls.find((call) => call.method === 'POST')).toMatchObject({ method: 'POST', path: `/v1/me/subscriptions/${subscription.id}/cancel`, status: 200, authorization: `Bearer ${minted.sessionToken}` });
  expect(env.stack.routeRequests).toBe(routeRequests);
});

test('server HTML is already filled, and hydrating it (token as { token, expiresAt } strings) warns about nothing and fetches nothing', async () => {
  await subscribe(env.stack, 'ssr-seeded', env.catalog.team.monthly);
  const { minted, tree, started } = await serverRead('ssr-seeded');
  const routeRequests = env.stack.routeRequests;
  const serialized = { token: minted.sessionToken, expiresAt: minted.expiresAt.toISOString() };

  const html = renderToString(tree(serialized));
  expect(html).toContain('Team');
  expect(html).not.toContain('Loading billing');

  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
  const complaints: unknown[] = [];
  delete probe.client; // the server render's
  await act(async () => {
    hydrateRoot(container, tree(serialized), { onRecoverableError: (error) => complaints.push(error) });
  });
  await ownRequest(started);
  expect(env.stack.routeRequests).toBe(routeRequests);
  expect(complaints).toEqual([]);
  expect(errors.mock.calls).toEqual([]);
  errors.mockRestore();
  container.remove();
});

test('an unknown user (customer null) sees the plans at once; the customer is fetched only if shown', async () => {
  const state = await env.stack.billing.getBillingState({ externalUserId: 'brand_new' });
  expect(state.customer).toBeNull();
  const { fetch, started } = browserFetch('brand_new');
  render(
    <BillingOSProvider sessionTokenUrl={env.stack.routeUrl} apiUrl={env.stack.api.url} fetch={fetch} createChannel={false} initialState={state}>
      <Probe />
      <BillingPortal locale="en-US" />
    </BillingOSProvider>,
  );
  expect(screen.getByRole('heading', { name: 'No plan yet' })).toBeTruthy();
  await ownRequest(started);
});

test('a server token that is a secret key is refused', () => {
  const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
  expect(() =>
    render(
      <BillingOSProvider sessionTokenUrl={env.stack.routeUrl} initialToken={{ token: env.stack.api.secretKey, expiresAt: null }}>
        {null}
      </BillingOSProvider>,
    ),
  ).toThrow(/secret key/i);
  errors.mockRestore();
});
