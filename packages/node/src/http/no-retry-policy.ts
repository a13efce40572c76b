import { RetryPolicy } from './retry-policy';

/** Never retries: every failure is thrown at once (what `maxRetries: 0` selects). */
export class NoRetryPolicy extends RetryPolicy {
  nextDelay(): null {
    return null;
  }
}
