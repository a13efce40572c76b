import { BillingOSError } from './BillingOSError';

/** Too many requests (HTTP 429); `retryAfter` is the server's `Retry-After`, in seconds, when it sent one. */
export class RateLimitError extends BillingOSError {
  override name = 'RateLimitError';
  override readonly type = 'rate_limit_error' as const;

  get retryAfter(): number | undefined {
    const value = Number(this.headers['retry-after']);
    return Number.isFinite(value) && value > 0 ? value : undefined;
  }
}
