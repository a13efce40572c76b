import { BillingOSError } from './BillingOSError';

/** The resource does not exist for this customer or mode (HTTP 404). */
export class NotFoundError extends BillingOSError {
  override name = 'NotFoundError';
  override readonly type = 'not_found_error' as const;
}
