import { BillingOSError } from './BillingOSError';

/** The BillingOS API failed (HTTP 5xx); safe to retry later. */
export class ApiError extends BillingOSError {
  override name = 'ApiError';
  override readonly type = 'api_error' as const;
}
