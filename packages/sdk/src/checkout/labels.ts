import { defaultCheckoutLocalization, errorMessage, type CheckoutLabel, type CheckoutLocalization } from './CheckoutLocalization';

/** A label with its `{placeholders}` filled in. */
export type Translate = (key: CheckoutLabel, values?: Record<string, string | number>) => string;

export function translator(localization: Partial<CheckoutLocalization> = {}): Translate {
  return (key, values = {}) => (localization[key] ?? defaultCheckoutLocalization[key]).replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match));
}

/** `error` in the buyer's words. */
export function describeError(t: Translate, error: Error): string {
  const message = errorMessage(error);
  return typeof message === 'string' ? t(message) : message.text;
}

/** Money in minor units (`2900` = $29.00) in the currency's own decimals. */
export function formatAmount(locale: string | undefined, amount: number, currency: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}
