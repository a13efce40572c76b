import type { SessionRouteOptions } from '@billingos/node';
import type { SupabaseAuthOptions } from '../auth/supabase-auth-options';

/**
 * Options of `billingos.createSessionRoute()` / `createSessionHandler()`: who is logged in
 * (Supabase), and what their session token may do. Every option is optional.
 */
export interface SupabaseSessionRouteOptions extends SupabaseAuthOptions, Omit<SessionRouteOptions, 'extractOrganizationId'> {
  /**
   * Your BillingOS secret key, `sk_test_…` / `sk_live_…`.
   * @default process.env.BILLINGOS_SECRET_KEY
   */
  secretKey?: string;
  /**
   * The BillingOS API's base URL.
   * @default process.env.BILLINGOS_API_URL, else the BillingOS cloud
   */
  apiUrl?: string;
}
