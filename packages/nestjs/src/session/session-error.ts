import { type BillingOSError, isBillingOSError } from '@billingos/node';
import { HttpException, Logger } from '@nestjs/common';

const logger = new Logger('BillingOS session route');

/**
 * The session route's answer to a failure, as every BillingOS session route gives it: the
 * status says whose fault it is, the body carries the request id, and nothing secret.
 * Errors that are not BillingOS's (your AuthProvider's own HttpExceptions) pass through.
 */
export function toSessionHttpError(error: unknown): unknown {
  if (!isBillingOSError(error)) return error;
  if (isMisconfiguration(error)) {
    // The fix is for the merchant's server log; a visitor learns nothing about the configuration.
    logger.error(`Could not mint a session token: ${error.message}`);
    return new HttpException({ error: { type: 'api_error', code: 'route_misconfigured', message: 'The billing session route is misconfigured; the server log says what to fix.' } }, 500);
  }
  const [status, message] = statusAndMessage(error);
  if (status >= 500) logger.warn(`Could not mint a session token: ${error.message}`);
  const type = status === 502 && error.statusCode !== undefined ? 'api_error' : error.type;
  const requestId = error.requestId ? { requestId: error.requestId } : {};
  return new HttpException({ error: { type, code: error.code ?? error.type, message, ...requestId } }, status);
}

/** A mistake in the merchant's setup (no or wrong key, bad options), not a failure of BillingOS. */
function isMisconfiguration(error: BillingOSError): boolean {
  return error.type === 'configuration_error' || (error.statusCode === undefined && !['rate_limit_error', 'timeout_error', 'connection_error'].includes(error.type));
}

function statusAndMessage(error: BillingOSError): [number, string] {
  switch (error.type) {
    case 'rate_limit_error':
      return [429, 'Too many session token requests; retry later.'];
    case 'timeout_error':
      return [504, 'BillingOS did not answer in time.'];
    case 'connection_error':
      return [502, 'BillingOS could not be reached.'];
    default:
      return [502, `BillingOS refused the session token request (${error.type}).`];
  }
}

/** The `Retry-After` BillingOS asked for, to pass on to the browser with a 429. */
export function retryAfterOf(error: unknown): string | undefined {
  if (!isBillingOSError(error, 'rate_limit_error')) return undefined;
  const { retryAfter } = error as BillingOSError & { retryAfter?: number };
  return retryAfter === undefined ? undefined : String(retryAfter);
}
