import { RetryPolicy } from './retry-policy';
import type { RetryContext } from './retry-policy';

/** Options of {@link ExponentialBackoffRetryPolicy}. */
export interface ExponentialBackoffOptions {
  /**
   * Retries after the first attempt; 0 disables retrying.
   * @default 2
   */
  maxRetries?: number;
  /**
   * The ceiling of the first backoff, in ms; it doubles on each retry.
   * @default 500
   */
  initialDelayMs?: number;
  /**
   * The largest backoff ceiling, in ms.
   * @default 8000
   */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` honoured, in ms; a longer one is not retried (the error is thrown).
   * @default 60000
   */
  maxRetryAfterMs?: number;
}

const DEFAULTS: Required<ExponentialBackoffOptions> = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
};

const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);
/** A 409 for a key reused with another body will fail the same way every time. */
const NEVER_RETRIED_CODES = new Set(['idempotency_key_reused']);

/**
 * The default policy: retries connection errors, timeouts and HTTP 408, 409 (a request with
 * the same key still in flight; not a key reused with another body), 429, 500, 502, 503, 504
 * with exponential backoff and full jitter, honouring `Retry-After` up to a cap.
 *
 * @example
 * new BillingOS({ retryPolicy: new ExponentialBackoffRetryPolicy({ maxRetries: 5 }) });
 */
export class ExponentialBackoffRetryPolicy extends RetryPolicy {
  readonly #options: Required<ExponentialBackoffOptions>;

  constructor(options: ExponentialBackoffOptions = {}) {
    super();
    this.#options = { ...DEFAULTS, ...withoutUndefined(options) };
  }

  nextDelay(context: RetryContext): number | null {
    const maxRetries = context.maxRetries ?? this.#options.maxRetries;
    if (context.retriesSoFar >= maxRetries || !this.#isRetryable(context)) return null;
    if (context.retryAfterMs !== undefined) {
      return context.retryAfterMs <= this.#options.maxRetryAfterMs ? context.retryAfterMs : null;
    }
    const ceiling = Math.min(this.#options.maxDelayMs, this.#options.initialDelayMs * 2 ** context.retriesSoFar);
    return Math.random() * ceiling;
  }

  #isRetryable({ error, shouldRetryHint }: RetryContext): boolean {
    if (shouldRetryHint !== undefined) return shouldRetryHint;
    if (error.type === 'connection_error' || error.type === 'timeout_error') return true;
    if (error.code !== undefined && NEVER_RETRIED_CODES.has(error.code)) return false;
    return error.statusCode !== undefined && RETRYABLE_STATUS.has(error.statusCode);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
