'use client';
import { createContext } from 'react';
import type { Appearance } from './Appearance';
import type { Localization } from './Localization';

/** What every component accepts to fit the merchant's site; a nested component inherits its parent's. */
export interface UIOptions {
  appearance?: Appearance;
  localization?: Localization;
  /**
   * The locale for money, numbers and dates (a BCP 47 tag such as `'de-DE'`).
   * @default the browser's language (`'en-US'` while rendering on the server and hydrating)
   */
  locale?: string;
  /**
   * The time zone dates are shown in.
   * @default the browser's (`'UTC'` while rendering on the server and hydrating)
   */
  timeZone?: string;
  /**
   * Your sign-in page. A signed-out visitor's plan buttons link to it, and so does the "signed
   * out" notice. Add your own return parameter if your sign-in page takes one.
   * @example '/sign-in?redirect_url=/pricing'
   */
  signInUrl?: string;
  /**
   * Called with the checkout page's URL when a plan must be paid for first, instead of going
   * there (to open it your own way). The buyer comes back to the page they left.
   * @default the browser goes to the URL
   */
  onCheckout?: (url: string) => void;
}

export const UIOptionsContext = createContext<UIOptions>({});

/** The options of an outer component with an inner one's own on top. */
export function mergeOptions(outer: UIOptions, own: UIOptions): UIOptions {
  return {
    locale: own.locale ?? outer.locale,
    timeZone: own.timeZone ?? outer.timeZone,
    signInUrl: own.signInUrl ?? outer.signInUrl,
    onCheckout: own.onCheckout ?? outer.onCheckout,
    localization: { ...outer.localization, ...own.localization, features: { ...outer.localization?.features, ...own.localization?.features } },
    appearance: {
      theme: own.appearance?.theme ?? outer.appearance?.theme,
      variables: { ...outer.appearance?.variables, ...own.appearance?.variables },
    },
  };
}
