import { isBillingOSError } from '@billingos/node';
import { OrganizationAccessError } from '../errors/organization-access-error';
import { SupabaseUnavailableError } from '../errors/supabase-unavailable-error';
import { jsonError } from './json-error';

const LOG_PREFIX = '[@billingos/supabase]';

/**
 * The route cannot run (settings missing or malformed). The server log says exactly what to
 * fix; the response only says that the route is misconfigured, since visitors can read it.
 */
export function misconfiguredResponse(error: unknown): Response {
  console.error(`${LOG_PREFIX} ${error instanceof Error ? error.message : String(error)}`);
  return jsonError(500, 'api_error', 'route_misconfigured', 'The billing session route is misconfigured; the server log says what to fix.');
}

/** Finding the user failed for a reason other than "nobody is logged in". */
export function authFailureResponse(error: unknown): Response {
  if (error instanceof OrganizationAccessError) return jsonError(403, 'permission_error', error.code ?? 'organization_access_denied', error.message);
  if (error instanceof SupabaseUnavailableError) {
    console.error(`${LOG_PREFIX} ${error.message}`);
    return jsonError(503, 'api_error', 'supabase_unavailable', 'Could not check who is logged in; try again shortly.', { 'Retry-After': '5' });
  }
  if (isBillingOSError(error, 'configuration_error')) return misconfiguredResponse(error);
  console.error(`${LOG_PREFIX} extractUserId / extractOrganizationId threw:`, error);
  return jsonError(500, 'api_error', 'auth_provider_failed', 'Could not tell who is logged in.');
}

/** Anything but GET and POST. */
export function methodNotAllowedResponse(): Response {
  return jsonError(405, 'invalid_request_error', 'method_not_allowed', 'Use GET or POST.', { Allow: 'GET, POST' });
}
