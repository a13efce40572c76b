import type { CardDetails } from './types';

/** What is wrong with a typed card, field by field; empty when it can be sent. */
export type CardProblems = Partial<Record<'number' | 'expiry' | 'cvc', 'invalidNumber' | 'invalidExpiry' | 'expiredExpiry' | 'invalidCvc'>>;

const digitsOf = (value: string) => value.replace(/\D/g, '');

/** `4242424242424242` → `4242 4242 4242 4242` (Amex: 4-6-5), at most 19 digits. */
export function formatCardNumber(value: string): string {
  const digits = digitsOf(value).slice(0, 19);
  const groups = /^3[47]/.test(digits) ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
}

/** `1230` → `12 / 30`, as the buyer types. */
export function formatExpiry(value: string): string {
  let digits = digitsOf(value);
  if (/^[2-9]$/.test(digits)) digits = `0${digits}`;
  return digits.length > 2 ? `${digits.slice(0, 2)} / ${digits.slice(2, 4)}` : digits;
}

/** The Luhn checksum every card number carries. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit > 4 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Reads the form's three fields into a card, or says what to fix. The number and CVC are never
 * part of what it says.
 */
export function readCard(fields: { number: string; expiry: string; cvc: string }, now = new Date()): { card: CardDetails } | { problems: CardProblems } {
  const problems: CardProblems = {};
  const number = digitsOf(fields.number);
  if (number.length < 12 || number.length > 19 || !passesLuhn(number)) problems.number = 'invalidNumber';
  const expiry = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(fields.expiry.replace(/\s*\/\s*/, '/'));
  const expMonth = Number(expiry?.[1]);
  const expYear = expiry?.[2]?.length === 2 ? 2000 + Number(expiry[2]) : Number(expiry?.[2]);
  if (!expiry || expMonth < 1 || expMonth > 12) problems.expiry = 'invalidExpiry';
  else if (expYear * 12 + expMonth < now.getFullYear() * 12 + now.getMonth() + 1) problems.expiry = 'expiredExpiry';
  const cvc = fields.cvc.trim();
  if (!/^\d{3,4}$/.test(cvc)) problems.cvc = 'invalidCvc';
  return Object.keys(problems).length > 0 ? { problems } : { card: { number, expMonth, expYear, cvc } };
}
