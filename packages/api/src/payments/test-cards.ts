import type { PaymentFailure } from './payment-provider';

/** How a test card behaves when it is charged. */
export type TestCardBehaviour =
  | 'succeeds'
  | 'declines'
  | 'insufficient_funds'
  | 'generic_decline'
  | 'lost_card'
  | 'expired_card'
  | 'requires_authentication'
  | 'recovers_after_2';

interface TestCard {
  behaviour: TestCardBehaviour;
  brand?: string;
}

/** Stripe's test cards, the same numbers doing the same things (any future expiry, any CVC). */
const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  '4242424242424242': { behaviour: 'succeeds' },
  '5555555555554444': { behaviour: 'succeeds' },
  '378282246310005': { behaviour: 'succeeds' },
  '4000000000000341': { behaviour: 'declines' },
  '4000000000009995': { behaviour: 'insufficient_funds' },
  '4000000000000002': { behaviour: 'generic_decline' },
  '4000000000009987': { behaviour: 'lost_card' },
  '4000000000000069': { behaviour: 'expired_card' },
  '4000002760003184': { behaviour: 'requires_authentication' },
};

/** Server-side shortcuts for a card, as Stripe's `pm_card_…` test methods. */
export const TEST_METHOD_ALIASES: Readonly<Record<string, { behaviour: TestCardBehaviour; last4: string }>> = {
  pm_card_visa: { behaviour: 'succeeds', last4: '4242' },
  pm_card_chargeDeclined: { behaviour: 'declines', last4: '0341' },
  pm_card_insufficientFunds: { behaviour: 'insufficient_funds', last4: '9995' },
  pm_card_recoversAfter2: { behaviour: 'recovers_after_2', last4: '0077' },
  pm_card_authenticationRequired: { behaviour: 'requires_authentication', last4: '3184' },
};

/** The behaviour of a card number, or `undefined` for a number that is not a test card. */
export function testCardBehaviour(number: string): TestCardBehaviour | undefined {
  return TEST_CARDS[number]?.behaviour;
}

/** The card brand from its number's prefix, as networks assign them. */
export function cardBrand(number: string): string {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^6(011|5)/.test(number)) return 'discover';
  return 'unknown';
}

/** The Luhn checksum every card number carries. */
export function passesLuhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i += 1) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return number.length >= 12 && sum % 10 === 0;
}

/** What the `n`-th charge (1-based) of a method with `behaviour` does when it does not succeed. */
export function chargeFailure(behaviour: TestCardBehaviour, n: number, offSession: boolean): PaymentFailure | 'requires_action' | null {
  switch (behaviour) {
    case 'succeeds':
      return null;
    case 'recovers_after_2':
      return n <= 2 ? decline('card_declined', 'generic_decline', true, 'Your card was declined.') : null;
    case 'declines':
    case 'generic_decline':
      return decline('card_declined', 'generic_decline', true, 'Your card was declined.');
    case 'insufficient_funds':
      return decline('card_declined', 'insufficient_funds', true, 'Your card has insufficient funds.');
    case 'lost_card':
      return decline('card_declined', 'lost_card', false, 'Your card was declined. Use another card.');
    case 'expired_card':
      return decline('expired_card', 'expired_card', false, 'Your card has expired. Use another card.');
    case 'requires_authentication':
      return offSession
        ? decline('authentication_required', 'authentication_required', false, 'Your bank asks you to confirm this payment: pay the invoice yourself.')
        : 'requires_action';
  }
}

function decline(code: PaymentFailure['code'], declineCode: string, retryable: boolean, message: string): PaymentFailure {
  return { code, declineCode, retryable, message };
}
