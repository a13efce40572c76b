import { AuthProvider, registerProvider, type BillingOSPlugin } from '@billingos/node';
import { SupabaseAuthProvider } from './auth/supabase-auth-provider';
import type { SupabaseAuthOptions } from './auth/supabase-auth-options';

/**
 * Registers {@link SupabaseAuthProvider} in one `BillingOS` instance, so its
 * `createSessionRoute()` / `createSessionHandler()` know the Supabase user.
 *
 * @example
 * import { BillingOS } from '@billingos/node';
 * import { supabasePlugin } from '@billingos/supabase';
 *
 * const billing = new BillingOS().use(supabasePlugin());
 * export const GET = billing.createSessionRoute({ expiresIn: 900 });
 */
export function supabasePlugin(options: SupabaseAuthOptions = {}): BillingOSPlugin {
  return {
    register(container) {
      registerProvider(container, AuthProvider, new SupabaseAuthProvider(options));
    },
  };
}
