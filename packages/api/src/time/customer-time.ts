import type { Clock } from './clock';

/**
 * The time a customer lives in: its test clock's frozen time when it is attached to one (a
 * row's `clock_time`), otherwise the API's clock. Everything about a clock customer (periods,
 * usage, event times) is measured on this.
 */
export function asOf(frozenTime: Date | string | null | undefined, clock: Clock): Date {
  return frozenTime ? new Date(frozenTime) : clock.now();
}
