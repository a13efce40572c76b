import { BillingOSError } from './billing-os-error';
import type { BillingOSErrorType } from './billing-os-error';

const NAMES: ReadonlyMap<string, BillingOSErrorType | undefined> = new Map([
  ['BillingOSError', undefined],
  ['InvalidRequestError', 'invalid_request_error'],
  ['AuthenticationError', 'authentication_error'],
  ['PermissionError', 'permission_error'],
  ['NotFoundError', 'not_found_error'],
  ['PaymentError', 'payment_error'],
  ['IdempotencyError', 'idempotency_error'],
  ['RateLimitError', 'rate_limit_error'],
  ['ApiError', 'api_error'],
  ['ConnectionError', 'connection_error'],
  ['TimeoutError', 'timeout_error'],
  ['ConfigurationError', 'configuration_error'],
  ['WebhookVerificationError', 'webhook_verification_error'],
] as [string, BillingOSErrorType | undefined][]);

/**
 * Whether `error` is a BillingOS error, optionally of one `type`. Unlike `instanceof`, it also
 * recognises errors from another realm (a `vm` context, an iframe) or a duplicated copy of
 * the package, by their `name` and `type`.
 *
 * @example
 * if (isBillingOSError(error, 'rate_limit_error')) await sleep(error.retryAfter * 1000);
 */
export function isBillingOSError(error: unknown, type?: BillingOSErrorType): error is BillingOSError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Partial<BillingOSError>;
  if (!(error instanceof BillingOSError) && !looksLikeBillingOSError(candidate)) return false;
  return type === undefined || candidate.type === type;
}

function looksLikeBillingOSError(candidate: Partial<BillingOSError>): boolean {
  if (typeof candidate.name !== 'string' || typeof candidate.type !== 'string') return false;
  if (!NAMES.has(candidate.name)) return false;
  const expected = NAMES.get(candidate.name);
  return expected === undefined || expected === candidate.type;
}
