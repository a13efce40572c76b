import type { Price } from '@billingos/sdk';

/** Money in minor units (`2900` = $29), without cents when there are none. */
export function formatMoney(locale: string, amount: number, currency: string): string {
  const options = { style: 'currency', currency: currency.toUpperCase() } as const;
  const digits = new Intl.NumberFormat(locale, options).resolvedOptions().maximumFractionDigits ?? 2;
  const value = amount / 10 ** digits;
  return new Intl.NumberFormat(locale, { ...options, minimumFractionDigits: Number.isInteger(value) ? 0 : digits }).format(value);
}

/** A day, e.g. "Mar 5, 2026", in the given time zone. */
export function formatDate(locale: string, timeZone: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** A price's amount per year, to compare plans of different intervals. */
export function yearlyAmount(price: Price): number {
  return (price.amount * { day: 365, week: 52, month: 12, year: 1 }[price.interval]) / price.intervalCount;
}

/** `ai_credits` → `Ai credits`. */
export function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
