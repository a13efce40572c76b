/** @jest-environment node */
import { formatCardNumber, formatExpiry, readCard } from '../../src/checkout/card';

const now = new Date('2026-12-05T00:00:00Z');
const fields = (number: string, expiry = '12 / 30', cvc = '123') => ({ number, expiry, cvc });

test('the number is grouped as typed (Amex 4-6-5), at most 19 digits', () => {
  expect(formatCardNumber('4242424242424242')).toBe('4242 4242 4242 4242');
  expect(formatCardNumber('4242-4242 42')).toBe('4242 4242 42');
  expect(formatCardNumber('378282246310005')).toBe('3782 822463 10005');
  expect(formatCardNumber('1'.repeat(25)).replace(/ /g, '')).toHaveLength(19);
});

test('the expiry is written MM / YY as typed', () => {
  expect(formatExpiry('1')).toBe('1');
  expect(formatExpiry('4')).toBe('04');
  expect(formatExpiry('123')).toBe('12 / 3');
  expect(formatExpiry('12 / 345')).toBe('12 / 34');
});

test('a card is read into what the API takes: digits, month, four-digit year, CVC', () => {
  expect(readCard(fields('4242 4242 4242 4242', '12 / 30', '123'), now)).toEqual({ card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' } });
  expect(readCard(fields('4000 0027 6000 3184', '1/2031', '1234'), now)).toEqual({ card: { number: '4000002760003184', expMonth: 1, expYear: 2031, cvc: '1234' } });
  expect(readCard(fields('4242424242424242', '12 / 26'), now)).toHaveProperty('card.expYear', 2026);
});

test('what to fix, field by field, never echoing the number', () => {
  expect(readCard(fields('4242 4242 4242 4241'), now)).toEqual({ problems: { number: 'invalidNumber' } });
  expect(readCard(fields('4242 4242'), now)).toEqual({ problems: { number: 'invalidNumber' } });
  expect(readCard(fields('4242424242424242', '13 / 30'), now)).toEqual({ problems: { expiry: 'invalidExpiry' } });
  expect(readCard(fields('4242424242424242', '11 / 26'), now)).toEqual({ problems: { expiry: 'expiredExpiry' } });
  expect(readCard(fields('4242424242424242', '', '12'), now)).toEqual({ problems: { expiry: 'invalidExpiry', cvc: 'invalidCvc' } });
});
