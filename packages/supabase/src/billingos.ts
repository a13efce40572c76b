import { createSessionHandler } from './route/supabase-session-handler';
import { createSessionRoute } from './route/supabase-session-route';

/**
 * The one-line session route for Supabase projects.
 *
 * @example
 * // app/api/billingos-session/route.ts (App Router)
 * import { billingos } from '@billingos/supabase';
 * export const GET = billingos.createSessionRoute();
 *
 * // pages/api/billingos-session.ts (Pages Router)
 * export default billingos.createSessionHandler();
 */
export const billingos = Object.freeze({ createSessionRoute, createSessionHandler });
