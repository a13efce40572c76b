/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Checkout } from '../../src/checkout';
import type { CheckoutComplete } from '../../src/checkout';
import { renderSignedIn, subscribe, withCatalogStack } from '../ui/catalog';
import { answerAuthentication, billingOf, CARDS, expectNoCardNumber, typeCard } from './support';

const env = withCatalogStack();

const SETTLE = { timeout: 15_000 };
const ready = () => screen.findByRole('button', { name: /^(Pay|Start free trial)/ }, SETTLE);
/** Everything the page holds: its markup and every input's live value. */
const pageText = () => document.body.innerHTML + Array.from(document.querySelectorAll('input'), (input) => input.value).join('|');

function renderCheckout(user: string, priceId: string) {
  const completed: CheckoutComplete[] = [];
  const rendered = renderSignedIn(env.stack, user, <Checkout priceId={priceId} locale="en-US" onComplete={(done) => completed.push(done)} />);
  return { ...rendered, completed };
}

test('4242: what is due today, then Pay completes the checkout: the subscription is active with a paid invoice and the card saved', async () => {
  const { completed } = renderCheckout('co-4242', env.catalog.starter.monthly);
  expect(screen.getByRole('status').textContent).toBe('Preparing checkout…');
  const pay = await ready();
  expect(pay.textContent).toBe('Pay $9.00');
  const summary = screen.getByRole('term').parentElement!;
  expect(summary.textContent).toBe('Due today$9.00');

  typeCard(CARDS.succeeds);
  expect((screen.getByLabelText('Card number') as HTMLInputElement).value).toBe(CARDS.succeeds);
  fireEvent.click(pay);
  expectNoCardNumber(pageText());
  expect(screen.getByRole('button', { name: 'Processing…' })).toHaveProperty('disabled', true);

  await waitFor(() => expect(completed).toHaveLength(1), SETTLE);
  expect(completed[0]).toEqual({ status: 'complete', subscriptionId: expect.stringMatching(/^sub_/), paymentMethodId: expect.stringMatching(/^pm_/), redirectUrl: expect.stringMatching(/^http:\/\/localhost\/\?session_id=cs_/) });
  expect(screen.getByRole('status').textContent).toBe('Payment complete. Thank you!');
  expect(screen.queryByLabelText('Card number')).toBeNull();
  expectNoCardNumber(pageText());

  const billing = await billingOf(env.stack, 'co-4242');
  expect(billing.subscriptions).toEqual([expect.objectContaining({ id: completed[0]!.subscriptionId, status: 'active', price: expect.objectContaining({ id: env.catalog.starter.monthly }) })]);
  expect(billing.invoices).toEqual([expect.objectContaining({ status: 'paid', total: 900, amountPaid: 900, subscriptionId: completed[0]!.subscriptionId })]);
  expect(billing.methods).toEqual([expect.objectContaining({ id: completed[0]!.paymentMethodId, isDefault: true, card: expect.objectContaining({ last4: '4242' }) })]);
});

test.each([
  ['declined', CARDS.declined, 'Your card was declined. Try another card.'],
  ['insufficient funds', CARDS.insufficientFunds, 'Your card has insufficient funds. Try another card.'],
])('%s: the alert says so in the buyer\'s words, the number is cleared, nothing is created, and another card then pays', async (_, number, message) => {
  const user = `co-${number.slice(-4)}`;
  const { completed } = renderCheckout(user, env.catalog.starter.monthly);
  fireEvent.click(await ready());
  // An empty form is not sent: the number says what to fix, and has focus.
  expect(document.getElementById(screen.getByLabelText('Card number').getAttribute('aria-describedby')!)!.textContent).toBe('Your card number is incomplete or incorrect.');
  expect(document.activeElement).toBe(screen.getByLabelText('Card number'));
  typeCard(number);
  fireEvent.click(screen.getByRole('button', { name: 'Pay $9.00' }));

  const alert = await screen.findByText(message, {}, SETTLE);
  expect(alert.closest('[role="alert"]')).not.toBeNull();
  expectNoCardNumber(pageText());
  // The expiry stays; the number and CVC are typed again, and focus is back on the number.
  expect((screen.getByLabelText('Expiry date (MM / YY)') as HTMLInputElement).value).not.toBe('');
  expect((screen.getByLabelText('Security code (CVC)') as HTMLInputElement).value).toBe('');
  expect(document.activeElement).toBe(screen.getByLabelText('Card number'));
  expect(await billingOf(env.stack, user)).toMatchObject({ subscriptions: [], invoices: [] });

  typeCard(CARDS.succeeds);
  fireEvent.click(screen.getByRole('button', { name: 'Pay $9.00' }));
  await waitFor(() => expect(completed).toHaveLength(1), SETTLE);
  expect((await billingOf(env.stack, user)).subscriptions).toHaveLength(1);
});

test('3184: the bank asks the buyer to confirm: a link to its page, and the payment finishes once they did', async () => {
  const { completed, calls } = renderCheckout('co-3184', env.catalog.starter.monthly);
  const pay = await ready();
  typeCard(CARDS.authentication);
  fireEvent.click(pay);

  const link = await screen.findByRole('link', { name: 'Confirm with your bank (opens in a new tab)' }, SETTLE);
  const url = link.getAttribute('href')!;
  expect(url).toMatch(new RegExp(`^${env.stack.api.url}/v1/test-payments/tpay_\\w+/authenticate\\?checkout=cs_\\w+$`));
  expect(link.getAttribute('target')).toBe('_blank');
  expect(link.getAttribute('rel')).toContain('noopener');
  expect(screen.getByRole('status').textContent).toContain('Your bank asks you to confirm this payment.');
  expect(screen.queryByLabelText('Card number')).toBeNull();
  expectNoCardNumber(pageText());
  expect((await billingOf(env.stack, 'co-3184')).subscriptions).toEqual([]);

  // Finishing before the bank said yes changes nothing: the bank is still waiting.
  fireEvent.click(screen.getByRole('button', { name: "I've confirmed, finish payment" }));
  await waitFor(() => expect(screen.getByRole('button', { name: "I've confirmed, finish payment" })).toHaveProperty('disabled', false), SETTLE);
  expect(screen.getByRole('link', { name: /Confirm with your bank/ })).toBeTruthy();

  await answerAuthentication(url, 'complete');
  // The buyer comes back to this tab after opening the bank's page: the payment finishes by itself.
  fireEvent.click(link);
  fireEvent.focus(window);
  await waitFor(() => expect(completed).toHaveLength(1), SETTLE);
  const billing = await billingOf(env.stack, 'co-3184');
  expect(billing.subscriptions).toEqual([expect.objectContaining({ id: completed[0]!.subscriptionId, status: 'active' })]);
  expect(billing.invoices).toEqual([expect.objectContaining({ status: 'paid', amountPaid: 900 })]);
  const confirms = calls.filter((call) => call.path.endsWith('/confirm'));
  expect(confirms.length).toBeGreaterThanOrEqual(3);
});

test('3184 refused at the bank: the buyer is told, and can pay with another card', async () => {
  const { completed } = renderCheckout('co-3184-fail', env.catalog.starter.monthly);
  const pay = await ready();
  typeCard(CARDS.authentication);
  fireEvent.click(pay);
  const link = await screen.findByRole('link', { name: /Confirm with your bank/ }, SETTLE);
  await answerAuthentication(link.getAttribute('href')!, 'fail');
  fireEvent.click(screen.getByRole('button', { name: "I've confirmed, finish payment" }));
  expect((await screen.findByRole('alert', {}, SETTLE)).textContent).toBe('Your bank did not confirm the payment. Try again or use another card.');
  typeCard(CARDS.succeeds);
  fireEvent.click(screen.getByRole('button', { name: 'Pay $9.00' }));
  await waitFor(() => expect(completed).toHaveLength(1), SETTLE);
  expect(await billingOf(env.stack, 'co-3184-fail')).toMatchObject({ subscriptions: [expect.objectContaining({ status: 'active' })], invoices: [expect.objectContaining({ status: 'paid' })] });
});

test('a trial: nothing due today, the trial shown, "Start free trial" saves the card and starts it', async () => {
  const { completed } = renderCheckout('co-trial', env.catalog.team.monthly);
  const start = await ready();
  expect(start.textContent).toBe('Start free trial');
  const terms = screen.getAllByRole('term').map((term) => term.parentElement!.textContent);
  expect(terms).toEqual(['14-day free trialYour card is charged when the trial ends.', 'Due today$0.00']);
  typeCard(CARDS.succeeds);
  fireEvent.click(start);
  await waitFor(() => expect(completed).toHaveLength(1), SETTLE);
  expect(screen.getByRole('status').textContent).toBe('Your free trial has started.');
  expect((await billingOf(env.stack, 'co-trial')).subscriptions).toEqual([expect.objectContaining({ status: 'trialing' })]);
});

test('keyboard and screen readers: labelled fields with card autocomplete, a named region, Enter submits once however often', async () => {
  const { calls, completed } = renderCheckout('co-keys', env.catalog.starter.monthly);
  await ready();
  const region = screen.getByRole('region', { name: 'Payment' });
  const fields = within(region).getAllByRole('textbox');
  expect(fields.map((field) => [field.getAttribute('autocomplete'), field.getAttribute('inputmode'), field.getAttribute('name')])).toEqual([
    ['cc-number', 'numeric', null],
    ['cc-exp', 'numeric', null],
    ['cc-csc', 'numeric', null],
  ]);
  expect(fields).toEqual([screen.getByLabelText('Card number'), screen.getByLabelText('Expiry date (MM / YY)'), screen.getByLabelText('Security code (CVC)')]);

  // Wrong fields say what to fix, linked to the field, and focus goes to the first.
  fireEvent.change(fields[0]!, { target: { value: '4242 4242 4242 4241' } });
  fireEvent.change(fields[1]!, { target: { value: '13 / 40' } });
  fireEvent.submit(fields[0]!.closest('form')!);
  expect(fields[0]!.getAttribute('aria-invalid')).toBe('true');
  expect(document.getElementById(fields[0]!.getAttribute('aria-describedby')!)!.textContent).toBe('Your card number is incomplete or incorrect.');
  expect(document.getElementById(fields[1]!.getAttribute('aria-describedby')!)!.textContent).toBe('Enter the expiry date as MM / YY.');
  expect(document.activeElement).toBe(fields[0]);
  expect(calls.filter((call) => call.path.endsWith('/confirm'))).toHaveLength(0);

  typeCard(CARDS.succeeds);
  const form = fields[0]!.closest('form')!;
  fireEvent.submit(form);
  fireEvent.submit(form);
  await waitFor(() => expect(completed).toHaveLength(1), SETTLE);
  expect(calls.filter((call) => call.path.endsWith('/confirm'))).toHaveLength(1);
  expect((await billingOf(env.stack, 'co-keys')).subscriptions).toHaveLength(1);
});

test('a customer who already subscribed is told so, without a form', async () => {
  await subscribe(env.stack, 'co-subscribed', env.catalog.starter.monthly);
  renderCheckout('co-subscribed', env.catalog.team.monthly);
  const alert = await screen.findByRole('alert', {}, SETTLE);
  expect(alert.textContent).toContain('You already have a subscription: change your plan instead.');
  expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  expect(screen.queryByLabelText('Card number')).toBeNull();
});
