import { BillingOSError } from './BillingOSError';

/** The request was malformed or had invalid parameters (HTTP 400); \`param\` names the field to fix. */
export class InvalidRequestError extends BillingOSError {
  override name = 'InvalidRequestError';
  override readonly type = 'invalid_request_error' as const;
}
