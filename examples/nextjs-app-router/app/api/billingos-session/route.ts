import { billingos } from '@billingos/supabase';

export const GET = billingos.createSessionRoute({
  allowedOperations: ['read_customer', 'read_subscription', 'read_entitlements', 'manage_subscription'],
});
