import type { CardInput } from '../payments/payment-provider';
import { passesLuhn } from '../payments/test-cards';

/** A field of the card form. */
export type CardField = 'number' | 'expiry' | 'cvc';

/** What to tell the buyer, and which field it is about (`null`: the page as a whole). */
export interface CardProblem {
  field: CardField | null;
  message: string;
}

/** The card form as posted: the card for the provider, or the first field that is wrong. `expiry` may be shown again; number and CVC never are. */
export type CardForm = { card: CardInput; expiry: string } | { problem: CardProblem; expiry: string };

/**
 * Reads `number`, `expiry` (`MM / YY`, `MM/YYYY`, `MMYY`) and `cvc` from the form, checking what
 * can be checked here, in the words Stripe's card form uses. `now` is the API's clock.
 */
export function readCardForm(body: unknown, now: Date): CardForm {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  const expiry = text('expiry').trim().slice(0, 9);
  const number = text('number').replace(/[\s-]/g, '');
  const problem = (field: CardField, message: string): CardForm => ({ problem: { field, message }, expiry });
  if (number === '') return problem('number', 'Enter your card number.');
  if (!/^\d+$/.test(number)) return problem('number', 'Your card number is invalid: use digits only.');
  if (number.length < 12) return problem('number', 'Your card number is incomplete.');
  if (number.length > 19 || !passesLuhn(number)) return problem('number', 'Your card number is incorrect.');
  const date = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(expiry.replace(/\s+/g, ' '));
  if (expiry === '') return problem('expiry', "Enter your card's expiration date (MM / YY).");
  if (!date) return problem('expiry', "Your card's expiration date is incomplete: write it as MM / YY.");
  const expMonth = Number(date[1]);
  const expYear = date[2]!.length === 2 ? 2000 + Number(date[2]) : Number(date[2]);
  if (expMonth < 1 || expMonth > 12) return problem('expiry', "Your card's expiration month is invalid.");
  if (expYear < now.getUTCFullYear() || (expYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1)) {
    return problem('expiry', "Your card's expiration date is in the past.");
  }
  if (expYear > now.getUTCFullYear() + 50) return problem('expiry', "Your card's expiration year is invalid.");
  const cvc = text('cvc').trim();
  if (cvc === '') return problem('cvc', "Enter your card's security code (CVC).");
  if (!/^\d{3,4}$/.test(cvc)) return problem('cvc', "Your card's security code is incomplete: 3 or 4 digits.");
  return { card: { number, expMonth, expYear, cvc }, expiry };
}

/** A failure the provider reported, as the page shows it: a problem with the card, or with the bank's check. */
export function failureProblem(failure: { code: string; declineCode: string | null; message: string }): CardProblem {
  if (failure.declineCode === 'authentication_failed' || failure.code === 'authentication_required') {
    return { field: null, message: 'Your bank did not confirm the payment. Try again, or use another card.' };
  }
  if (failure.code === 'processing_error') return { field: null, message: 'We could not process your card. Try again in a moment.' };
  const declineCode = failure.declineCode ?? '';
  const field: CardField = /cvc/.test(declineCode) ? 'cvc' : /expir/.test(declineCode) && failure.code !== 'expired_card' ? 'expiry' : 'number';
  return { field, message: failure.message };
}
