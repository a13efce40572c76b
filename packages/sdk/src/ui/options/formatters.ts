import type { Price } from '@billingos/sdk';

/** Money in minor units (`2900` = $29), without cents when there are none. */
export function formatMoney(locale: string, amount: number, currency: string): string {
  const code = currency.toUpperCase();
  const digits = new Intl.NumberFormat(locale, { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  const value = amount / 10 ** digits;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: code,
    minimumFractionDigits: Number.isInteger(value) ? 0 : digits,
  }).format(value);
}

/** A day, e.g. "Mar 5, 2026", in the given time zone. */
export function formatDate(locale: string, timeZone: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** A price's amount per month, to compare plans of different intervals. */
export function monthlyAmount(price: Price): number {
  const months = { day: 12 / 365, week: 12 / 52, month: 1, year: 12 }[price.interval];
  return price.amount / (months * price.intervalCount);
}

/** `ai_credits` → `Ai credits`. */
export function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
