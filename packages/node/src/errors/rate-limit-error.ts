import { BillingOSError } from './billing-os-error';
import type { BillingOSErrorInit } from './billing-os-error';

/** Too many requests (HTTP 429); `retryAfter` says how many seconds the API asked to wait. */
export class RateLimitError extends BillingOSError {
  override readonly name: string = 'RateLimitError';
  /** Seconds to wait before retrying, from the `Retry-After` header. */
  readonly retryAfter: number | undefined;

  constructor(init: BillingOSErrorInit & { retryAfter?: number }) {
    super('rate_limit_error', init);
    this.retryAfter = init.retryAfter;
  }
}
