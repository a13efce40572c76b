import { type BillingOSError, isBillingOSError } from '@billingos/node';
import { HttpException } from '@nestjs/common';

/**
 * The session route's answer to a failure, as every BillingOS session route gives it: the
 * status says whose fault it is, the body carries the request id, and nothing secret.
 * Errors that are not BillingOS's (your AuthProvider's own HttpExceptions) pass through.
 */
export function toSessionHttpError(error: unknown): unknown {
  if (!isBillingOSError(error)) return error;
  const [status, message] = statusAndMessage(error);
  const type = status === 502 && error.statusCode !== undefined ? 'api_error' : error.type;
  const requestId = error.requestId ? { requestId: error.requestId } : {};
  return new HttpException({ error: { type, code: error.code ?? error.type, message, ...requestId } }, status);
}

function statusAndMessage(error: BillingOSError): [number, string] {
  switch (error.type) {
    case 'configuration_error':
      return [500, error.message];
    case 'rate_limit_error':
      return [429, 'Too many session token requests; retry later.'];
    case 'timeout_error':
      return [504, 'BillingOS did not answer in time.'];
    case 'connection_error':
      return [502, 'BillingOS could not be reached.'];
    default:
      return error.statusCode === undefined
        ? [500, error.message]
        : [502, `BillingOS refused the session token request (${error.type}).`];
  }
}

/** The `Retry-After` BillingOS asked for, to pass on to the browser with a 429. */
export function retryAfterOf(error: unknown): string | undefined {
  if (!isBillingOSError(error, 'rate_limit_error')) return undefined;
  const { retryAfter } = error as BillingOSError & { retryAfter?: number };
  return retryAfter === undefined ? undefined : String(retryAfter);
}
