/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PricingTable } from '../../src/ui';
import { withCatalogStack, renderSignedIn, shownDate, subscribe, type Catalog } from './catalog';

const env = withCatalogStack();

const text = (element: Element) => element.textContent ?? '';
const description = (element: Element) => document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent;
const plan = (name: string) => screen.getByRole('listitem', { name });
const loaded = () => screen.findByRole('list', { name: 'Plans' }, { timeout: 15_000 });
const features = (card: HTMLElement) => Array.from(card.querySelectorAll('.billingos-features li'), text);

function tableFor(catalogIds: Catalog) {
  return <PricingTable locale="en-US" timeZone="UTC" productIds={[catalogIds.starter.id, catalogIds.team.id]} />;
}

test('loading, then the plans with monthly prices, their features, a trial, and a monthly/yearly switch', async () => {
  renderSignedIn(env.stack, 'browser', tableFor(env.catalog));
  expect(text(screen.getByRole('status'))).toContain('Loading billing…');
  await loaded();

  const starter = plan('Starter');
  expect(text(starter)).toContain('$9 / month');
  expect(features(starter)).toEqual(['Reports', '100 AI credits']);
  expect(within(starter).getByRole('button', { name: 'Subscribe' })).toBeTruthy();
  const team = plan('Team');
  expect(text(team)).toContain('$29 / month');
  expect(text(team)).toContain('14-day free trial');
  // Named features by their name; the others by their key, humanised.
  expect(features(team)).toEqual(['Reports', 'Data exports', '1,000 AI credits', 'Unlimited Storage']);
  expect(within(team).getByRole('button', { name: 'Start free trial' })).toBeTruthy();

  const switcher = screen.getByRole('group', { name: 'Billing period' });
  fireEvent.click(within(switcher).getByRole('button', { name: 'Yearly' }));
  expect(within(switcher).getByRole('button', { name: 'Yearly' }).getAttribute('aria-pressed')).toBe('true');
  expect(text(plan('Starter'))).toContain('$90 / year');
  expect(text(plan('Team'))).toContain('$290 / year');
});

test('a plan without a price for the chosen period stays, with the price it has and a note why', async () => {
  const only = (name: string, interval: 'month' | 'year', amount: number) =>
    env.stack.billing.products.create({ name, features: [{ key: 'reports', type: 'boolean' }], prices: [{ amount, currency: 'usd', interval }] });
  const [solo, annual] = await Promise.all([only('Solo', 'month', 500), only('Annual', 'year', 40000)]);
  renderSignedIn(env.stack, 'chooser', <PricingTable locale="en-US" productIds={[solo.id, env.catalog.starter.id, annual.id]} />);
  await loaded();
  const names = () => screen.getAllByRole('listitem').filter((item) => item.classList.contains('billingos-plan')).map((item) => item.querySelector('h3')!.textContent);

  expect(names()).toEqual(['Solo', 'Starter', 'Annual']);
  expect(text(plan('Solo'))).toContain('$5 / month');
  expect(text(plan('Solo'))).not.toContain('only');
  expect(text(plan('Annual'))).toContain('$400 / year');
  expect(text(plan('Annual'))).toContain('Yearly only');

  fireEvent.click(within(screen.getByRole('group', { name: 'Billing period' })).getByRole('button', { name: 'Yearly' }));
  expect(names()).toEqual(['Solo', 'Starter', 'Annual']);
  expect(text(plan('Solo'))).toContain('$5 / month');
  expect(text(plan('Solo'))).toContain('Monthly only');
  expect(text(plan('Starter'))).toContain('$90 / year');
  expect(text(plan('Starter'))).not.toContain('only');
  expect(text(plan('Annual'))).not.toContain('only');

  // Its own price is what the visitor gets: subscribing from the yearly view is to the monthly price.
  fireEvent.click(within(plan('Solo')).getByRole('button', { name: 'Subscribe' }));
  expect(description(screen.getByRole('dialog', { name: 'Subscribe to Solo' }))).toBe('You pay $5 / month on the next page; your plan starts once the payment goes through.');
});

test('subscribing goes through a modal dialog: focus moves in, Escape closes and returns focus, Confirm starts the trial', async () => {
  renderSignedIn(env.stack, 'newcomer', tableFor(env.catalog));
  await loaded();
  const opener = within(plan('Team')).getByRole('button', { name: 'Start free trial' });
  opener.focus();
  fireEvent.click(opener);

  const dialog = screen.getByRole('dialog', { name: 'Subscribe to Team' });
  expect(dialog.getAttribute('aria-modal')).toBe('true');
  expect(description(dialog)).toBe('Your 14-day free trial starts today. After that, $29 / month.');
  expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Confirm' }));
  fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
  expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Go back' }));
  fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(document.activeElement).toBe(opener);

  fireEvent.click(opener);
  fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 15_000 });
  expect(text(screen.getByRole('status'))).toContain('You are now on Team.');
  expect(within(plan('Team')).getByRole('button', { name: 'Current plan' }).getAttribute('aria-disabled')).toBe('true');
  expect(document.activeElement).toBe(opener);
  expect(within(plan('Starter')).getByRole('button', { name: 'Downgrade' })).toBeTruthy();
});

test('a paid plan without a trial is paid for on the checkout page, which comes back here; nothing is granted before the payment', async () => {
  const leftFor: string[] = [];
  renderSignedIn(env.stack, 'payer', <PricingTable locale="en-US" productIds={[env.catalog.starter.id, env.catalog.team.id]} onCheckout={(url) => leftFor.push(url)} />);
  await loaded();
  fireEvent.click(within(plan('Starter')).getByRole('button', { name: 'Subscribe' }));
  const dialog = screen.getByRole('dialog', { name: 'Subscribe to Starter' });
  expect(description(dialog)).toBe('You pay $9 / month on the next page; your plan starts once the payment goes through.');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Continue to payment' }));
  await waitFor(() => expect(leftFor).toHaveLength(1), { timeout: 15_000 });
  // The dialog stays busy while the page would be unloading.
  expect(within(dialog).getByRole('button', { name: 'Working…' })).toBeTruthy();

  const [, clientSecret] = /\/checkout\/(cs_\w+_secret_[\w-]+)$/.exec(leftFor[0]!)!;
  const sessionId = clientSecret!.slice(0, clientSecret!.indexOf('_secret_'));
  const session = await env.stack.billing.checkoutSessions.retrieve(sessionId);
  expect(session).toMatchObject({ status: 'open', mode: 'subscription', amountDue: 900, successUrl: location.href, cancelUrl: location.href });
  expect(leftFor[0]).toBe(session.url);
  // Nothing is granted before the payment.
  expect((await env.stack.billing.subscriptions.list({ customerId: session.customerId })).data).toEqual([]);

  const paid = await env.stack.billing.checkoutSessions.confirm(sessionId, { clientSecret: clientSecret!, paymentMethodId: 'pm_card_visa' });
  expect(paid.status).toBe('complete');
  const [subscription] = (await env.stack.billing.subscriptions.list({ customerId: session.customerId })).data;
  expect(subscription).toMatchObject({ status: 'active', price: { id: env.catalog.starter.monthly } });
});

test('on a plan, the current one is marked, upgrades are now and downgrades are scheduled for the period end', async () => {
  const { subscription } = await subscribe(env.stack, 'upgrader', env.catalog.starter.monthly);
  renderSignedIn(env.stack, 'upgrader', tableFor(env.catalog));
  await loaded();
  expect(plan('Starter').hasAttribute('data-current')).toBe(true);

  fireEvent.click(within(plan('Team')).getByRole('button', { name: 'Upgrade' }));
  expect(description(screen.getByRole('dialog', { name: 'Switch to Team' }))).toBe('Your plan changes to Team now, at $29 / month.');
  fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
  await waitFor(() => expect(within(plan('Team')).getByRole('button', { name: 'Current plan' })).toBeTruthy(), { timeout: 15_000 });

  fireEvent.click(within(plan('Starter')).getByRole('button', { name: 'Downgrade' }));
  const date = shownDate(subscription.currentPeriodEnd);
  expect(description(screen.getByRole('dialog'))).toBe(`You keep Team until ${date}. Then your plan changes to Starter, at $9 / month.`);
  fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
  await waitFor(() => expect(within(plan('Starter')).getByRole('button', { name: 'Scheduled' })).toBeTruthy(), { timeout: 15_000 });
  expect(text(plan('Starter'))).toContain(`Starts ${date}`);
  expect(within(plan('Team')).getByRole('button', { name: 'Current plan' })).toBeTruthy();
  const [after] = (await env.stack.billing.subscriptions.list({ customerId: subscription.customerId })).data;
  expect(after!.scheduledChange).toEqual({ priceId: env.catalog.starter.monthly, effectiveAt: subscription.currentPeriodEnd });
});

test('a failed subscribe keeps the dialog open and says why', async () => {
  renderSignedIn(env.stack, 'racer', tableFor(env.catalog));
  await loaded();
  // Another tab subscribed meanwhile: the API allows one subscription and answers subscription_exists.
  await subscribe(env.stack, 'racer', env.catalog.team.monthly);
  fireEvent.click(within(plan('Starter')).getByRole('button', { name: 'Subscribe' }));
  fireEvent.click(screen.getByRole('button', { name: 'Continue to payment' }));
  const alert = await screen.findByRole('alert', {}, { timeout: 15_000 });
  expect(alert.textContent).toMatch(/^That did not work: .*subscription/i);
  expect(screen.getByRole('dialog')).toBeTruthy();
});

test('a signed-out visitor is told to sign in', async () => {
  renderSignedIn(env.stack, null, tableFor(env.catalog));
  expect(text(await screen.findByRole('alert', {}, { timeout: 15_000 }))).toContain('You are signed out. Sign in again to see your billing.');
});
