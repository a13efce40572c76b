import { RetryPolicy } from './retry-policy';

/**
 * Never retries: every failure is thrown at once, whatever a call's own `maxRetries` says.
 *
 * @example
 * new BillingOS({ retryPolicy: NoRetryPolicy });
 */
export class NoRetryPolicy extends RetryPolicy {
  nextDelay(): null {
    return null;
  }
}
