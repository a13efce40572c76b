import type { Queryable } from '../storage/database';
import type { Clock } from './clock';

/**
 * The time a customer lives in: its test clock's frozen time when it is attached to one,
 * otherwise the API's clock. Everything about a clock customer (periods, usage, event times)
 * is measured on this.
 */
export async function customerTime(db: Queryable, clock: Clock, customerId: string): Promise<Date> {
  const rows = await db.query<{ frozen_time: Date | null }>(
    'SELECT tc.frozen_time FROM customers c LEFT JOIN test_clocks tc ON tc.id = c.test_clock_id WHERE c.id = $1',
    [customerId],
  );
  return asOf(rows[0]?.frozen_time ?? null, clock);
}

/** A row's test-clock time, or the API's time when it has none. */
export function asOf(frozenTime: Date | string | null | undefined, clock: Clock): Date {
  return frozenTime ? new Date(frozenTime) : clock.now();
}
