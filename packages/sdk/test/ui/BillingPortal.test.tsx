/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { BillingPortal } from '../../src/ui';
import { withCatalogStack, renderSignedIn, shownDate, subscribe } from './catalog';

const env = withCatalogStack();

// No localization: the meters are named by the products (`name`), or by their keys.
const portal = <BillingPortal locale="en-US" timeZone="UTC" />;
const text = (element: Element) => element.textContent ?? '';
const region = () => screen.getByRole('region', { name: 'Billing' });
const planLoaded = () => screen.findByText('Your plan', {}, { timeout: 15_000 });
const button = (name: string) => screen.getByRole('button', { name });

test('loading, then a customer without a plan sees an empty state and the plans; subscribing there focuses the new plan', async () => {
  renderSignedIn(env.stack, 'nobody', portal);
  expect(text(screen.getByRole('status'))).toBe('Loading billing…');
  expect(await screen.findByRole('heading', { name: 'No plan yet' }, { timeout: 15_000 })).toBeTruthy();
  expect(text(region())).toContain('Choose a plan to get started.');
  const plans = await screen.findByRole('list', { name: 'Plans' });

  fireEvent.click(within(within(plans).getByRole('listitem', { name: 'Team' })).getByRole('button', { name: 'Start free trial' }));
  fireEvent.click(button('Confirm'));
  // The table and the dialog's opener give way to the plan, and focus goes to it.
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Team', level: 2 })), { timeout: 15_000 });
});

test('an active plan: name, price, status, renewal date and a meter for each metered feature', async () => {
  const { subscription } = await subscribe(env.stack, 'active', env.catalog.starter.monthly);
  renderSignedIn(env.stack, 'active', portal);
  await planLoaded();
  expect(screen.getByRole('heading', { name: 'Starter' })).toBeTruthy();
  expect(text(region())).toContain('$9 / month');
  expect(text(region())).toContain('Active');
  expect(text(region())).toContain(`Renews on ${shownDate(subscription.currentPeriodEnd)}`);

  const meter = await screen.findByRole('meter', { name: 'AI credits' }, { timeout: 15_000 });
  expect([meter.getAttribute('aria-valuenow'), meter.getAttribute('aria-valuemax'), meter.getAttribute('aria-valuetext')]).toEqual(['0', '100', '0 of 100 used']);
  expect(text(region())).toContain(`Resets on ${shownDate(subscription.currentPeriodEnd)}`);
  expect(screen.queryByText('Reports')).toBeNull();
});

test('a trial shows its end date', async () => {
  const { subscription } = await subscribe(env.stack, 'trialist', env.catalog.team.monthly);
  expect(subscription.status).toBe('trialing');
  renderSignedIn(env.stack, 'trialist', portal);
  await planLoaded();
  expect(text(region())).toContain('Trial');
  expect(text(region())).toContain(`Trial ends on ${shownDate(subscription.trialEnd!)}`);
  expect(await screen.findByText('Unlimited', {}, { timeout: 15_000 })).toBeTruthy();
});

test('cancel at period end through a confirmation, then resume; focus stays on the button', async () => {
  const { subscription } = await subscribe(env.stack, 'canceler', env.catalog.starter.monthly);
  renderSignedIn(env.stack, 'canceler', portal);
  await planLoaded();
  const end = shownDate(subscription.currentPeriodEnd);
  const opener = button('Cancel plan');
  opener.focus();
  fireEvent.click(opener);
  const dialog = screen.getByRole('dialog', { name: 'Cancel Starter?' });
  expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Go back' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel plan' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 15_000 });
  expect(text(region())).toContain('Canceling');
  expect(text(region())).toContain(`Ends on ${end}`);
  expect(document.activeElement).toBe(button('Resume plan'));

  fireEvent.click(button('Resume plan'));
  await waitFor(() => expect(text(region())).toContain(`Renews on ${end}`), { timeout: 15_000 });
  expect(text(region())).toContain('Active');
  // The resume settles once the entitlements it refetches are back too: the button is usable again.
  await waitFor(() => expect(button('Cancel plan').getAttribute('aria-disabled')).toBeNull(), { timeout: 15_000 });
  const [after] = (await env.stack.billing.subscriptions.list({ customerId: subscription.customerId })).data;
  expect(after!.cancelAtPeriodEnd).toBe(false);
});

test('a scheduled downgrade is shown with a way to keep the current plan', async () => {
  const { subscription } = await subscribe(env.stack, 'scheduler', env.catalog.team.yearly);
  await env.stack.billing.subscriptions.update(subscription.id, { priceId: env.catalog.starter.monthly, effective: 'period_end' });
  renderSignedIn(env.stack, 'scheduler', portal);
  await planLoaded();
  expect(text(region())).toContain(`Changes to Starter ($9 / month) on ${shownDate(subscription.currentPeriodEnd)}.`);

  fireEvent.click(button('Keep Team'));
  // The notice goes, and focus moves to the plan's heading rather than falling to the page.
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Team' })), { timeout: 15_000 });
  expect(screen.queryByRole('button', { name: 'Keep Team' })).toBeNull();
  const [after] = (await env.stack.billing.subscriptions.list({ customerId: subscription.customerId })).data;
  expect(after!.scheduledChange).toBeNull();
});

test('change plan opens the pricing table in place', async () => {
  await subscribe(env.stack, 'changer', env.catalog.starter.monthly);
  renderSignedIn(env.stack, 'changer', portal);
  await planLoaded();
  const toggle = button('Change plan');
  expect(toggle.getAttribute('aria-expanded')).toBe('false');
  fireEvent.click(toggle);
  expect(toggle.getAttribute('aria-expanded')).toBe('true');
  expect(text(toggle)).toBe('Hide plans');
  const plans = screen.getByRole('list', { name: 'Plans' });
  expect(document.getElementById(toggle.getAttribute('aria-controls')!)!.contains(plans)).toBe(true);
  expect(within(plans).getByRole('button', { name: 'Current plan' })).toBeTruthy();
});

test('signed out (401): says to sign in; any other failure offers a retry', async () => {
  renderSignedIn(env.stack, null, portal);
  const alert = await screen.findByRole('alert', {}, { timeout: 15_000 });
  expect(text(alert)).toBe('You are signed out. Sign in again to see your billing.');
  cleanup();

  const { fetch } = env.stack.browserFetch('offline');
  const failing: typeof fetch = (input, init) => (String(input).includes('/v1/products') ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init));
  const { BillingOSProvider } = await import('../../src/index');
  const { render } = await import('@testing-library/react');
  render(
    <BillingOSProvider sessionTokenUrl={env.stack.routeUrl} apiUrl={env.stack.api.url} fetch={failing} createChannel={false}>
      {portal}
    </BillingOSProvider>,
  );
  expect(text(await screen.findByRole('alert', {}, { timeout: 15_000 }))).toContain('Billing could not load. Check your connection and try again.');
  expect(button('Try again')).toBeTruthy();
});
