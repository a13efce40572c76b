import { isBillingOSError } from '../errors/is-billing-os-error';
import type { RateLimitError } from '../errors/rate-limit-error';
import { jsonResponse } from './json-response';

/**
 * The session route's answer to a failure: the status says whose fault it is, the body
 * carries the BillingOS request id for support, and nothing secret (no key, no stack).
 */
export function routeErrorResponse(error: unknown): Response {
  if (!isBillingOSError(error)) return failure(500, 'api_error', 'internal_error', 'Could not create a session token.');
  if (error.type === 'configuration_error') return failure(500, error.type, error.code, error.message);
  if (error.type === 'rate_limit_error') {
    const { retryAfter } = error as RateLimitError;
    const headers: Record<string, string> = retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
    return failure(429, error.type, error.code, 'Too many session token requests; retry later.', error.requestId, headers);
  }
  if (error.type === 'timeout_error') return failure(504, error.type, error.code, 'BillingOS did not answer in time.');
  if (error.type === 'connection_error') return failure(502, error.type, error.code, 'BillingOS could not be reached.');
  if (error.type === 'invalid_request_error' && error.statusCode === undefined) {
    return failure(500, error.type, error.code, error.message);
  }
  return failure(502, 'api_error', error.code, `BillingOS refused the session token request (${error.type}).`, error.requestId);
}

/**
 * The answer when finding the user (the AuthProvider or `extractOrganizationId`) threw. A
 * `BillingOSError` with a 4xx `statusCode` is meant for the caller (e.g. 403 for a foreign
 * organization) and is passed on; a 5xx keeps its status but not its message, and anything
 * else is a 500: those messages may hold secrets.
 */
export function identificationFailure(error: unknown): Response {
  const status = isBillingOSError(error) ? error.statusCode : undefined;
  if (isBillingOSError(error) && status !== undefined && status >= 400 && status < 500) {
    return failure(status, error.type, error.code, error.message);
  }
  const code = isBillingOSError(error) && status !== undefined && status >= 500 ? error.code : 'auth_provider_failed';
  return failure(status !== undefined && status >= 500 ? status : 500, 'api_error', code, 'Could not tell who is logged in; try again shortly.');
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
