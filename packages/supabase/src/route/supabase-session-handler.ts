import { toNodeHandler, type SessionHandler } from '@billingos/node';
import { createSessionRoute } from './supabase-session-route';
import type { SupabaseSessionRouteOptions } from './supabase-session-route-options';

/**
 * The session route for Supabase Auth as a Node `(req, res)` handler: the Next.js Pages
 * Router, Express, Fastify (`reply.raw`). Same answers as {@link createSessionRoute}.
 *
 * @example
 * // pages/api/billingos-session.ts
 * import { billingos } from '@billingos/supabase';
 * export default billingos.createSessionHandler();
 */
export function createSessionHandler(options: SupabaseSessionRouteOptions = {}): SessionHandler {
  return toNodeHandler(createSessionRoute(options));
}
