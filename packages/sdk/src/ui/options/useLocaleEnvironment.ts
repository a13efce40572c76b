'use client';
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};
const browserLocale = () => navigator.language;
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The browser's locale and time zone, or fixed ones during a server render and hydration, so
 * the server's HTML and the first client render agree; React re-renders with the browser's
 * values right after hydrating.
 */
export function useLocaleEnvironment(locale?: string, timeZone?: string): { locale: string; timeZone: string } {
  const browser = {
    locale: useSyncExternalStore(subscribe, browserLocale, () => 'en-US'),
    timeZone: useSyncExternalStore(subscribe, browserTimeZone, () => 'UTC'),
  };
  return { locale: locale ?? browser.locale, timeZone: timeZone ?? browser.timeZone };
}
