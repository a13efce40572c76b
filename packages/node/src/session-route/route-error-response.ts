import { isBillingOSError } from '../errors/is-billing-os-error';
import type { BillingOSError } from '../errors/billing-os-error';
import type { RateLimitError } from '../errors/rate-limit-error';
import { jsonResponse } from './json-response';

const LOG_PREFIX = '[@billingos/node] session route:';

/**
 * The session route's answer to a failure. Visitors read the response, so it says only whose
 * fault it is (status), a generic message and the BillingOS request id for support; the
 * server log says what happened and what to fix (missing key, the URL that could not be reached).
 */
export function routeErrorResponse(error: unknown): Response {
  if (!isBillingOSError(error)) {
    console.error(`${LOG_PREFIX} creating a session token failed:`, error);
    return failure(500, 'api_error', 'internal_error', 'Could not create a session token.');
  }
  if (isMisconfiguration(error)) return misconfiguredResponse(error);
  if (error.type === 'rate_limit_error') {
    const { retryAfter } = error as RateLimitError;
    const headers: Record<string, string> = retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
    return failure(429, error.type, error.code, 'Too many session token requests; retry later.', error.requestId, headers);
  }
  console.error(`${LOG_PREFIX} ${describe(error)}`);
  if (error.type === 'timeout_error') return failure(504, error.type, error.code, 'BillingOS did not answer in time.');
  if (error.type === 'connection_error') return failure(502, error.type, error.code, 'BillingOS could not be reached.');
  return failure(502, 'api_error', 'billingos_refused', 'BillingOS refused the session token request.', error.requestId);
}

/**
 * The answer when finding the user (the AuthProvider, `extractUser` or `extractOrganizationId`)
 * threw. A `BillingOSError` with a 4xx `statusCode` is meant for the caller (e.g. 403 for a
 * foreign organization) and is passed on; anything else is logged, and answered with its 5xx
 * status or 500 but never its message: those messages may hold secrets.
 */
export function identificationFailure(error: unknown): Response {
  const status = isBillingOSError(error) ? error.statusCode : undefined;
  if (isBillingOSError(error) && status !== undefined && status >= 400 && status < 500) {
    return failure(status, error.type, error.code, error.message);
  }
  if (isBillingOSError(error) && isMisconfiguration(error)) return misconfiguredResponse(error);
  console.error(`${LOG_PREFIX} the AuthProvider / extractUser / extractOrganizationId threw:`, error);
  const code = isBillingOSError(error) && status !== undefined && status >= 500 ? error.code : 'auth_provider_failed';
  return failure(status !== undefined && status >= 500 ? status : 500, 'api_error', code, 'Could not tell who is logged in; try again shortly.');
}

/** The route cannot work as configured: the fix goes to the server log, never to the visitor. */
function misconfiguredResponse(error: BillingOSError): Response {
  console.error(`${LOG_PREFIX} ${error.message}`);
  return failure(500, 'api_error', 'route_misconfigured', 'The billing session route is misconfigured; the server log says what to fix.');
}

/** A missing or malformed setting, or route options the SDK refused before any request. */
function isMisconfiguration(error: BillingOSError): boolean {
  return error.type === 'configuration_error' || (error.type === 'invalid_request_error' && error.statusCode === undefined);
}

function describe(error: BillingOSError): string {
  const request = error.requestId ? ` (request ${error.requestId})` : '';
  if (error.type === 'authentication_error' || error.type === 'permission_error') {
    return `BillingOS refused the secret key${request}: ${error.message} Check secretKey / BILLINGOS_SECRET_KEY.`;
  }
  return `${error.message}${request}`;
}

function failure(
  status: number,
  type: string,
  code: string | undefined,
  message: string,
  requestId?: string,
  headers?: Record<string, string>,
): Response {
  return jsonResponse(status, { error: { type, code: code ?? type, message, ...(requestId ? { requestId } : {}) } }, headers);
}
