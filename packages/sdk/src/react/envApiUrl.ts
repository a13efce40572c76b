/**
 * `NEXT_PUBLIC_BILLINGOS_API_URL`, the browser's BillingOS API URL by convention, or undefined.
 * Written out in full so Next.js (and any bundler defining it) inlines the value at build time;
 * guarded so a bundle without `process` (Vite) reads nothing instead of throwing.
 */
export function envApiUrl(): string | undefined {
  return (typeof process !== 'undefined' ? process.env.NEXT_PUBLIC_BILLINGOS_API_URL : undefined) || undefined;
}
