/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Paywall, Protect, UsageMeter } from '../../src/ui';
import { withCatalogStack, renderSignedIn, shownDate, subscribe } from './catalog';

const env = withCatalogStack();

const options = { locale: 'en-US', timeZone: 'UTC' } as const;
const text = (element: Element | null) => element?.textContent ?? '';
const settled = () => waitFor(() => expect(screen.queryByText('waiting')).toBeNull(), { timeout: 15_000 });

function gates() {
  return (
    <>
      <Protect feature="exports" fallback={<p>no exports</p>} loading={<p>waiting</p>}>
        <p>exports</p>
      </Protect>
      <Protect feature="reports" fallback={<p>no reports</p>}>
        <p>reports</p>
      </Protect>
      <Protect feature="ai_credits" requiredBalance={80} fallback={<p>not 80 credits</p>}>
        <p>80 credits</p>
      </Protect>
      <Protect feature="ai_credits" fallback={<p>no credits</p>}>
        <p>credits</p>
      </Protect>
    </>
  );
}

test('Protect: the loading element first, then children where granted (with enough balance), else the fallback', async () => {
  const { customerId } = await subscribe(env.stack, 'gated', env.catalog.starter.monthly);
  await env.stack.billing.usage.record({ customerId, featureKey: 'ai_credits', value: 30 });
  renderSignedIn(env.stack, 'gated', gates());
  expect(screen.getByText('waiting')).toBeTruthy();
  await settled();
  expect(['no exports', 'reports', 'not 80 credits', 'credits'].map((t) => !!screen.queryByText(t))).toEqual([true, true, true, true]);
});

test('Protect: a spent balance is the fallback; no plan at all is the fallback', async () => {
  const { customerId } = await subscribe(env.stack, 'spent', env.catalog.starter.monthly);
  await env.stack.billing.usage.record({ customerId, featureKey: 'ai_credits', value: 100 });
  renderSignedIn(env.stack, 'spent', gates());
  await settled();
  expect(screen.getByText('no credits')).toBeTruthy();
  cleanup();
  renderSignedIn(env.stack, 'planless', gates());
  await settled();
  expect(['no exports', 'no reports', 'no credits'].every((t) => screen.queryByText(t))).toBe(true);
});

test('Paywall: says what is missing (by the name a product gives it) and opens the pricing table in a dialog; the children once granted', async () => {
  renderSignedIn(env.stack, 'walled', <Paywall feature="exports" {...options}><p>export now</p></Paywall>);
  const heading = await screen.findByRole('heading', { name: 'Upgrade to use Data exports' }, { timeout: 15_000 });
  expect(text(heading.parentElement)).toContain('Your plan does not include Data exports.');
  expect(screen.queryByText(/Exports/)).toBeNull();
  const opener = screen.getByRole('button', { name: 'See plans' });
  opener.focus();
  fireEvent.click(opener);
  const dialog = screen.getByRole('dialog', { name: 'Upgrade to use Data exports' });
  await within(dialog).findByRole('list', { name: 'Plans' }, { timeout: 15_000 });
  fireEvent.keyDown(dialog, { key: 'Escape' });
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(document.activeElement).toBe(opener);

  fireEvent.click(opener);
  const table = await within(screen.getByRole('dialog')).findByRole('list', { name: 'Plans' }, { timeout: 15_000 });
  fireEvent.click(within(within(table).getByRole('listitem', { name: 'Team' })).getByRole('button', { name: 'Start free trial' }));
  fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
  expect(await screen.findByText('export now', {}, { timeout: 15_000 })).toBeTruthy();
  expect(screen.queryByRole('dialog')).toBeNull();
});

test('Paywall: a used-up metered feature says when it resets; the localization prop names it over the product', async () => {
  const { customerId, subscription } = await subscribe(env.stack, 'drained', env.catalog.starter.monthly);
  await env.stack.billing.usage.record({ customerId, featureKey: 'ai_credits', value: 100 });
  renderSignedIn(env.stack, 'drained', <Paywall feature="ai_credits" {...options} localization={{ features: { ai_credits: 'crédits IA' } }} />);
  const heading = await screen.findByRole('heading', { name: 'Upgrade to use crédits IA' }, { timeout: 15_000 });
  expect(text(heading.parentElement)).toContain(`You have used all your crédits IA for now. Resets on ${shownDate(subscription.currentPeriodEnd)}.`);
});

test('UsageMeter: usage of limit with a meter and the reset date; unlimited; included; not included; each by its product name, else its key', async () => {
  const { customerId, subscription } = await subscribe(env.stack, 'metered', env.catalog.team.yearly);
  await env.stack.billing.usage.record({ customerId, featureKey: 'ai_credits', value: 850 });
  await env.stack.billing.usage.record({ customerId, featureKey: 'storage', value: 12 });
  // Every name a meter ever shows, from the first render on: the key must not flash before the product's name.
  const shown = new Set<string>();
  const record = () => document.querySelectorAll('.billingos-meter-name').forEach((name) => shown.add(name.textContent ?? ''));
  const observer = new MutationObserver(record);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  renderSignedIn(
    env.stack,
    'metered',
    <>
      {['ai_credits', 'storage', 'exports', 'seats'].map((feature) => (
        <UsageMeter key={feature} feature={feature} {...options} />
      ))}
    </>,
  );
  record();
  const meter = await screen.findByRole('meter', { name: 'AI credits' }, { timeout: 15_000 });
  observer.disconnect();
  expect([...shown].filter((name) => name !== '').sort()).toEqual(['AI credits', 'Data exports', 'Seats', 'Storage']);
  expect(meter.getAttribute('aria-valuetext')).toBe('850 of 1,000 used');
  expect(meter.getAttribute('data-level')).toBe('high');
  const rows = Array.from(document.querySelectorAll('.billingos-meter')).map((row) => row.textContent);
  expect(rows).toEqual([
    `AI credits850 of 1,000 usedResets on ${shownDate(subscription.currentPeriodEnd)}`,
    'Storage12 usedUnlimited',
    'Data exportsIncluded',
    'SeatsNot included in your plan',
  ]);
  expect(screen.getAllByRole('meter')).toHaveLength(1);
});

test('UsageMeter on its own paints its own surface in its theme, so its label never sits on the page in the other scheme', async () => {
  renderSignedIn(env.stack, 'metered', <UsageMeter feature="ai_credits" {...options} appearance={{ theme: 'dark' }} />);
  const meter = await screen.findByRole('meter', { name: 'AI credits' }, { timeout: 15_000 });
  const root = meter.closest('.billingos-root')!;
  expect(root.classList.contains('billingos-usage-meter')).toBe(true);
  expect(root.getAttribute('data-billingos-theme')).toBe('dark');
  // What the stylesheet does with that class is checked in styles.test.ts, and in Chromium by themes.e2e.test.ts.
});

test('UsageMeter: signed out says so', async () => {
  renderSignedIn(env.stack, null, <UsageMeter feature="ai_credits" {...options} />);
  expect(text(await screen.findByRole('alert', {}, { timeout: 15_000 }))).toContain('You are signed out.');
});
