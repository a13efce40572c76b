import type { BillingOSError } from '../errors/billing-os-error';

/** What a {@link RetryPolicy} knows about the attempt that just failed. */
export interface RetryContext {
  /** How many retries were already made for this call (0 after the first attempt). */
  retriesSoFar: number;
  /** The error this attempt ended with (a response error, `ConnectionError` or `TimeoutError`). */
  error: BillingOSError;
  /** The `Retry-After` the API sent, in milliseconds, when it sent one. */
  retryAfterMs: number | undefined;
  /** The header `billingos-should-retry` when the API sent it: the API's own verdict. */
  shouldRetryHint: boolean | undefined;
  /** The call's own retry budget when the caller set `maxRetries` on the request. */
  maxRetries: number | undefined;
}

/**
 * Decides whether and when a failed attempt is retried. Every write (POST, PATCH, DELETE)
 * carries an `Idempotency-Key` that is reused across retries, so a policy may retry writes safely.
 *
 * @example
 * class TwiceQuickly extends RetryPolicy {
 *   nextDelay({ retriesSoFar }: RetryContext) {
 *     return retriesSoFar < 2 ? 100 : null;
 *   }
 * }
 */
export abstract class RetryPolicy {
  /** Milliseconds to wait before the next attempt, or `null` to give up and throw `context.error`. */
  abstract nextDelay(context: RetryContext): number | null;
}
