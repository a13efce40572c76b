/** The language our pages are written in; amounts and dates follow it. */
const LOCALE = 'en-US';

const currencies = new Map<string, Intl.NumberFormat>();

/**
 * An integer amount in the currency's minor unit, as the buyer reads it: `2500`, `usd` →
 * `$25.00`; `500`, `jpy` → `¥500` (the fraction digits come from the currency).
 */
export function formatMoney(amount: number, currency: string): string {
  const code = currency.toUpperCase();
  let format = currencies.get(code);
  if (!format) currencies.set(code, (format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: code })));
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

const dates = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });

/** `Dec 5, 2026`, in UTC (the day the API recorded, wherever the reader is). */
export function formatDate(value: string | Date): string {
  return dates.format(new Date(value));
}

const ADVERBS: Record<string, string> = { day: 'daily', week: 'weekly', month: 'monthly', year: 'yearly' };

/** `per month`, `every 3 months`. */
export function perInterval(interval: string, count: number): string {
  return count === 1 ? `per ${interval}` : `every ${count} ${interval}s`;
}

/** `Billed monthly`, `Billed every 3 months`. */
export function billedEvery(interval: string, count: number): string {
  return count === 1 && ADVERBS[interval] ? `Billed ${ADVERBS[interval]}` : `Billed ${perInterval(interval, count)}`;
}
