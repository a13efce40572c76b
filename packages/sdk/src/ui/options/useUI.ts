'use client';
import { useContext, useMemo } from 'react';
import type { Price } from '@billingos/sdk';
import { formatDate, formatMoney, humanize } from './formatters';
import { defaultLocalization, type LabelKey } from './Localization';
import { UIOptionsContext } from './UIOptions';
import { useLocaleEnvironment } from './useLocaleEnvironment';

const per = { day: 'perDay', week: 'perWeek', month: 'perMonth', year: 'perYear' } as const;

/** What a component needs to show text: labels, money, numbers, dates and feature names in the merchant's words. */
export interface UI {
  /** A label with its `{placeholders}` filled in. */
  t(key: LabelKey, values?: Record<string, string | number>): string;
  money(price: Price): string;
  /** "/ month", "/ 3 months". */
  interval(price: Price): string;
  date(iso: string): string;
  number(value: number): string;
  /** A feature's name: the `localization` prop's, else the product's (`name`), else the key humanised. */
  feature(key: string, name?: string): string;
  /** Where a signed-out visitor signs in (the `signInUrl` option). */
  signInUrl: string | undefined;
  /** Leaves for the checkout page (the `onCheckout` option, else the browser goes there). */
  toCheckout(url: string): void;
}

/** The labels and formatters of the nearest component's options. */
export function useUI(): UI {
  const options = useContext(UIOptionsContext);
  const { locale, timeZone } = useLocaleEnvironment(options.locale, options.timeZone);
  const { localization, signInUrl, onCheckout } = options;
  return useMemo(() => {
    const t: UI['t'] = (key, values = {}) =>
      (localization?.[key] ?? defaultLocalization[key]).replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match));
    const numbers = new Intl.NumberFormat(locale);
    return {
      t,
      money: (price) => formatMoney(locale, price.amount, price.currency),
      interval: (price) => (price.intervalCount > 1 ? t('perIntervals', { count: price.intervalCount, interval: price.interval }) : t(per[price.interval])),
      date: (iso) => formatDate(locale, timeZone, iso),
      number: (value) => numbers.format(value),
      feature: (key, name) => localization?.features?.[key] ?? name ?? humanize(key),
      signInUrl,
      toCheckout: onCheckout ?? ((url) => location.assign(url)),
    };
  }, [locale, timeZone, localization, signInUrl, onCheckout]);
}
