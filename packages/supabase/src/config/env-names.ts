/** Where the Supabase project URL is read from, first match wins. */
export const SUPABASE_URL_ENV = ['NEXT_PUBLIC_SUPABASE_URL', 'SUPABASE_URL'] as const;

/** Where the Supabase publishable (anon) key is read from, first match wins. */
export const SUPABASE_KEY_ENV = [
  'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY',
  'NEXT_PUBLIC_SUPABASE_ANON_KEY',
  'SUPABASE_PUBLISHABLE_KEY',
  'SUPABASE_ANON_KEY',
] as const;

export const BILLINGOS_SECRET_KEY_ENV = 'BILLINGOS_SECRET_KEY';
export const BILLINGOS_API_URL_ENV = 'BILLINGOS_API_URL';
