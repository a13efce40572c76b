/**
 * `NEXT_PUBLIC_BILLINGOS_PUBLISHABLE_KEY`, the browser's publishable key by convention, or
 * undefined; written out in full and guarded like `envApiUrl()`, so Next.js inlines it and a
 * bundle without `process` reads nothing.
 */
export function envPublishableKey(): string | undefined {
  return (typeof process !== 'undefined' ? process.env.NEXT_PUBLIC_BILLINGOS_PUBLISHABLE_KEY : undefined) || undefined;
}
