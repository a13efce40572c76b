/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import type { ReactNode } from 'react';
import { BillingOSProvider, type InitialToken } from '../../src/index';
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

/** What a server page does: mint a token, read the billing state, hand both to the provider. */
async function serverRead(user: string) {
  const minted = await env.stack.billing.createSessionToken({ externalUserId: user, allowedOperations: [...operations] });
  const state = await env.stack.billing.getBillingState({ externalUserId: user });
  const { fetch, calls } = env.stack.browserFetch(user);
  const tree = (initialToken: InitialToken): ReactNode => (
    <BillingOSProvider sessionTokenUrl={env.stack.routeUrl} apiUrl={env.stack.api.url} fetch={fetch} createChannel={false} initialToken={initialToken} initialState={state}>
      {ui}
    </BillingOSProvider>
  );
  return { minted, tree, calls };
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 300)));

test('the first render is filled (plan, price, meter), with no loading state and no request at all', async () => {
  const { subscription } = await subscribe(env.stack, 'seeded', env.catalog.starter.monthly);
  await env.stack.billing.entitlements.check({ externalUserId: 'seeded', featureKey: 'ai_credits', requiredBalance: 3, track: true });
  const { minted, tree, calls } = await serverRead('seeded');
  const routeRequests = env.stack.routeRequests;

  render(tree(minted));
  expect(screen.queryByText(/Loading/)).toBeNull();
  expect(document.querySelector('.billingos-skeleton')).toBeNull();
  expect(screen.getByRole('heading', { name: 'Starter', level: 2 })).toBeTruthy();
  expect(screen.getByRole('region', { name: 'Billing' }).textContent).toContain('$9 / month');
  const meters = screen.getAllByRole('meter', { name: 'AI credits' });
  expect(meters.map((meter) => meter.getAttribute('aria-valuenow'))).toEqual(['3', '3']);
  expect(within(screen.getByRole('list', { name: 'Plans' })).getByRole('listitem', { name: 'Team' })).toBeTruthy();

  await settle();
  expect(calls).toEqual([]);
  expect(env.stack.routeRequests).toBe(routeRequests);

  // The server's token is the one a mutation uses: still no trip to the session route.
  fireEvent.click(screen.getByRole('button', { name: 'Cancel plan' }));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel plan' }));
  await waitFor(() => expect(screen.getByRole('button', { name: 'Resume plan' })).toBeTruthy(), { timeout: 15_000 });
  expect(calls[0]).toMatchObject({ method: 'POST', path: `/v1/me/subscriptions/${subscription.id}/cancel`, status: 200, authorization: `Bearer ${minted.sessionToken}` });
  expect(env.stack.routeRequests).toBe(routeRequests);
});

test('server HTML is already filled, and hydrating it (token as { token, expiresAt } strings) warns about nothing and fetches nothing', async () => {
  await subscribe(env.stack, 'ssr-seeded', env.catalog.team.monthly);
  const { minted, tree, calls } = await serverRead('ssr-seeded');
  const serialized = { token: minted.sessionToken, expiresAt: minted.expiresAt.toISOString() };

  const html = renderToString(tree(serialized));
  expect(html).toContain('Team');
  expect(html).not.toContain('Loading billing');

  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
  const complaints: unknown[] = [];
  await act(async () => {
    hydrateRoot(container, tree(serialized), { onRecoverableError: (error) => complaints.push(error) });
  });
  await settle();
  expect(complaints).toEqual([]);
  expect(errors.mock.calls).toEqual([]);
  errors.mockRestore();
  expect(calls).toEqual([]);
  container.remove();
});

test('an unknown user (customer null) sees the plans at once; the customer is fetched only if shown', async () => {
  const state = await env.stack.billing.getBillingState({ externalUserId: 'brand_new' });
  expect(state.customer).toBeNull();
  const { fetch, calls } = env.stack.browserFetch('brand_new');
  render(
    <BillingOSProvider sessionTokenUrl={env.stack.routeUrl} apiUrl={env.stack.api.url} fetch={fetch} createChannel={false} initialState={state}>
      <BillingPortal locale="en-US" />
    </BillingOSProvider>,
  );
  expect(screen.getByRole('heading', { name: 'No plan yet' })).toBeTruthy();
  await settle();
  expect(calls).toEqual([]);
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
