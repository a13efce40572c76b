import { fireEvent, screen } from '@testing-library/react';
import type { Stack } from '../support/stack';

export const CARDS = {
  succeeds: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  authentication: '4000 0027 6000 3184',
} as const;

const expYear = new Date().getUTCFullYear() + 2;
export const card = (number: string) => ({ number, expMonth: 12, expYear, cvc: '123' });

/** Types a card into `<Checkout>`'s fields, found by their labels as a screen reader finds them. */
export function typeCard(number: string) {
  fireEvent.change(screen.getByLabelText('Card number'), { target: { value: number } });
  fireEvent.change(screen.getByLabelText('Expiry date (MM / YY)'), { target: { value: `12 / ${String(expYear).slice(2)}` } });
  fireEvent.change(screen.getByLabelText('Security code (CVC)'), { target: { value: '123' } });
}

/** The customer of `user` with its subscriptions and invoices, read with the secret key. */
export async function billingOf(stack: Stack, user: string) {
  const [customer] = (await stack.billing.customers.list({ externalUserId: user })).data;
  if (!customer) return { subscriptions: [], invoices: [], methods: [] };
  const [subscriptions, invoices, methods] = await Promise.all([
    stack.billing.subscriptions.list({ customerId: customer.id }),
    stack.billing.invoices.list({ customerId: customer.id }),
    stack.billing.paymentMethods.list(customer.id),
  ]);
  return { subscriptions: subscriptions.data, invoices: invoices.data, methods: methods.data };
}

/** Every card digit string the test used, with and without spaces: none may be in `text`. */
export function expectNoCardNumber(text: string) {
  for (const number of Object.values(CARDS)) {
    expect(text).not.toContain(number);
    expect(text).not.toContain(number.replace(/ /g, ''));
  }
}

/** Completes (or fails) the test provider's authentication page as the buyer's clicks would. */
export async function answerAuthentication(url: string, decision: 'complete' | 'fail') {
  const html = await (await fetch(url)).text();
  const action = new RegExp(`action="([^"]+/${decision}[^"]*)"`).exec(html)![1]!.replace(/&amp;/g, '&');
  const answer = await fetch(new URL(action, url), { method: 'POST', redirect: 'manual' });
  expect([200, 303]).toContain(answer.status);
}
