import { addInterval } from '../src/subscriptions/billing-period';

const at = (iso: string) => new Date(iso);

test.each([
  ['2026-01-31T10:00:00Z', 'month', 1, '2026-02-28T10:00:00.000Z'],
  ['2028-01-31T10:00:00Z', 'month', 1, '2028-02-29T10:00:00.000Z'],
  ['2026-03-15T00:00:00Z', 'month', 3, '2026-06-15T00:00:00.000Z'],
  ['2026-12-31T23:59:59Z', 'month', 1, '2027-01-31T23:59:59.000Z'],
  ['2028-02-29T12:00:00Z', 'year', 1, '2029-02-28T12:00:00.000Z'],
  ['2026-11-23T08:00:00Z', 'week', 2, '2026-12-07T08:00:00.000Z'],
  ['2026-11-23T08:00:00Z', 'day', 14, '2026-12-07T08:00:00.000Z'],
] as const)('%s plus %s x%s is %s', (start, interval, count, expected) => {
  expect(addInterval(at(start), interval, count).toISOString()).toBe(expected);
});
