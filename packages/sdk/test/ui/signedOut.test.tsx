/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { render, screen, within } from '@testing-library/react';
import { BillingOSProvider } from '../../src/index';
import { BillingPortal, PricingTable, UsageMeter } from '../../src/ui';
import { withCatalogStack, renderSignedIn } from './catalog';

const env = withCatalogStack();

const text = (element: Element) => element.textContent ?? '';
const plan = (name: string) => screen.getByRole('listitem', { name });
const loaded = () => screen.findByRole('list', { name: 'Plans' }, { timeout: 15_000 });
const table = (signInUrl?: string) => <PricingTable locale="en-US" productIds={[env.catalog.starter.id, env.catalog.team.id]} signInUrl={signInUrl} />;

test('signed out (the route answers 401), the plans are read with the publishable key and lead to sign-in: no alert, no retry, one route request', async () => {
  const routeRequests = env.stack.routeRequests;
  const { calls } = renderSignedIn(env.stack, null, table('/sign-in?redirect_url=/pricing'), { publishableKey: env.stack.api.publishableKey });
  await loaded();

  const starter = within(plan('Starter')).getByRole('link', { name: 'Subscribe' });
  expect(starter.getAttribute('href')).toBe('/sign-in?redirect_url=/pricing');
  expect(starter.getAttribute('aria-describedby') && document.getElementById(starter.getAttribute('aria-describedby')!)?.textContent).toBe('Starter');
  expect(within(plan('Team')).getByRole('link', { name: 'Start free trial' }).getAttribute('href')).toBe('/sign-in?redirect_url=/pricing');
  expect(text(plan('Team'))).toContain('14-day free trial');
  expect(text(plan('Team'))).toContain('1,000 AI credits');
  expect(screen.queryAllByRole('button').map(text)).toEqual(['Monthly', 'Yearly']);
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.queryByText(/signed out|try again/i)).toBeNull();

  expect(env.stack.routeRequests - routeRequests).toBe(1);
  expect(calls.map(({ method, path, status, authorization }) => ({ method, path, status, authorization }))).toEqual([
    { method: 'GET', path: '/v1/products', status: 200, authorization: `Bearer ${env.stack.api.publishableKey}` },
  ]);
});

test('signed out without a signInUrl, each plan says to sign in and offers no control that does nothing', async () => {
  renderSignedIn(env.stack, null, table(), { publishableKey: env.stack.api.publishableKey });
  await loaded();
  for (const name of ['Starter', 'Team']) {
    expect(text(plan(name))).toContain('Sign in to subscribe');
    expect(within(plan(name)).queryAllByRole('button')).toEqual([]);
    expect(within(plan(name)).queryAllByRole('link')).toEqual([]);
  }
});

test('a publishable key alone (a marketing site with no session route): the plans, and no session request at all', async () => {
  const { fetch, calls } = env.stack.browserFetch('');
  const routeRequests = env.stack.routeRequests;
  render(
    <BillingOSProvider publishableKey={env.stack.api.publishableKey} apiUrl={env.stack.api.url} fetch={fetch}>
      {table('https://app.example.com/sign-in')}
    </BillingOSProvider>,
  );
  await loaded();
  expect(within(plan('Starter')).getByRole('link', { name: 'Subscribe' }).getAttribute('href')).toBe('https://app.example.com/sign-in');
  expect(env.stack.routeRequests).toBe(routeRequests);
  expect(calls.map((call) => `${call.method} ${call.path} ${call.authorization}`)).toEqual([`GET /v1/products Bearer ${env.stack.api.publishableKey}`]);
});

test('NEXT_PUBLIC_BILLINGOS_PUBLISHABLE_KEY stands in for the prop', async () => {
  process.env.NEXT_PUBLIC_BILLINGOS_PUBLISHABLE_KEY = env.stack.api.publishableKey;
  try {
    renderSignedIn(env.stack, null, table('/sign-in'));
    await loaded();
    expect(within(plan('Team')).getByRole('link', { name: 'Start free trial' })).toBeTruthy();
  } finally {
    delete process.env.NEXT_PUBLIC_BILLINGOS_PUBLISHABLE_KEY;
  }
});

test('signed in, the publishable key is never sent: every call carries the session token', async () => {
  const { calls } = renderSignedIn(env.stack, 'member', table('/sign-in'), { publishableKey: env.stack.api.publishableKey });
  await loaded();
  expect(within(plan('Starter')).getByRole('button', { name: 'Subscribe' })).toBeTruthy();
  expect(screen.queryAllByRole('link')).toEqual([]);
  expect(calls.map((call) => call.path).sort()).toEqual(['/v1/me/subscriptions', '/v1/products']);
  expect(calls.every((call) => call.authorization?.startsWith('Bearer ey'))).toBe(true);
});

test('the portal and a meter, signed out with a publishable key, still read nothing of a customer and link to sign-in', async () => {
  const { calls } = renderSignedIn(
    env.stack,
    null,
    <>
      <BillingPortal signInUrl="/sign-in" />
      <UsageMeter feature="ai_credits" signInUrl="/sign-in" />
    </>,
    { publishableKey: env.stack.api.publishableKey },
  );
  const alerts = await screen.findAllByRole('alert', {}, { timeout: 15_000 });
  expect(alerts.map(text)).toEqual(['You are signed out. Sign in again to see your billing.Sign in', 'You are signed out. Sign in again to see your billing.Sign in']);
  for (const alert of alerts) {
    expect(within(alert).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in');
    expect(within(alert).queryByRole('button')).toBeNull();
  }
  expect(calls.filter((call) => call.authorization === `Bearer ${env.stack.api.publishableKey}`).every((call) => call.path === '/v1/products')).toBe(true);
  expect(calls.some((call) => call.path.startsWith('/v1/me'))).toBe(false);
});
