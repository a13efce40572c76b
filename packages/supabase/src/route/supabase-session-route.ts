import { BillingOS, type AuthIdentity, type SessionRoute } from '@billingos/node';
import { createSessionRoute as createGenericSessionRoute, isFrameworkControlFlow } from '@billingos/node/helpers/generic';
import { SupabaseAuthProvider } from '../auth/supabase-auth-provider';
import { authFailureResponse, methodNotAllowedResponse, misconfiguredResponse } from './failure-responses';
import { resolveRouteSettings } from './route-settings';
import type { SupabaseSessionRouteOptions } from './supabase-session-route-options';

/**
 * The session route for Supabase Auth as a Web-standard handler (Next.js App Router, Hono,
 * Remix, Bun, Deno, Supabase Edge Functions): 200 `{ sessionToken, expiresAt }` for the
 * logged-in user, 401 when nobody is, always `Cache-Control: no-store`. Configuration is
 * read from the environment at the first request, not at import.
 *
 * @example
 * // app/api/billingos-session/route.ts
 * import { billingos } from '@billingos/supabase';
 * export const GET = billingos.createSessionRoute();
 */
export function createSessionRoute(options: SupabaseSessionRouteOptions = {}): SessionRoute {
  let route: SessionRoute | undefined;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'POST') return methodNotAllowedResponse();
    try {
      route ??= buildRoute(options);
    } catch (error) {
      return misconfiguredResponse(error);
    }
    return route(request);
  };
}

function buildRoute(options: SupabaseSessionRouteOptions): SessionRoute {
  const { supabaseUrl, supabaseKey, secretKey } = resolveRouteSettings(options);
  const billingos = new BillingOS({ secretKey, apiUrl: options.apiUrl });
  const provider = new SupabaseAuthProvider({ ...options, supabaseUrl, supabaseKey });
  const { expiresIn, allowedOperations, metadata } = options;
  return async (request) => {
    let identity: AuthIdentity | null;
    try {
      identity = await provider.authenticate(request);
    } catch (error) {
      if (isFrameworkControlFlow(error)) throw error;
      return authFailureResponse(error);
    }
    // @billingos/node answers the rest (401, token minting, BillingOS errors) the same for every auth.
    return createGenericSessionRoute({ billingos, expiresIn, allowedOperations, metadata }, () => identity)(request);
  };
}
