import type { Queryable } from '../storage/database';
import type { Clock } from './clock';

/**
 * The time a customer lives in: its test clock's frozen time when it is attached to one (a
 * row's `clock_time`), otherwise the API's clock. Everything about a clock customer (periods,
 * usage, event times) is measured on this.
 */
export function asOf(frozenTime: Date | string | null | undefined, clock: Clock): Date {
  return frozenTime ? new Date(frozenTime) : clock.now();
}

/**
 * The frozen time of the customer's test clock, or `undefined` for a customer on wall-clock time:
 * what an event about the customer is stamped with (`undefined` lets the outbox use the present).
 */
export async function clockTimeOf(db: Queryable, customerId: string): Promise<Date | undefined> {
  const [row] = await db.query<{ frozen_time: Date }>('SELECT tc.frozen_time FROM customers c JOIN test_clocks tc ON tc.id = c.test_clock_id WHERE c.id = $1', [customerId]);
  return row ? new Date(row.frozen_time) : undefined;
}
