import { Logger } from '@nestjs/common';
import type { Database } from '../storage/database';
import { MemoryWindowCounter } from './memory-window-counter';
import { WindowCounter } from './window-counter';
import type { WindowHit } from './window-counter';

/**
 * One atomic statement per request: the row lock of `ON CONFLICT DO UPDATE` serialises nodes
 * counting the same key, and an ended window restarts at this request. Times come from the
 * database's clock, so nodes whose clocks differ still agree on every window.
 */
const HIT = `
INSERT INTO rate_limits AS r (key, window_start, resets_at, count)
VALUES ($1, now(), now() + $2::double precision * interval '1 millisecond', 1)
ON CONFLICT (key) DO UPDATE SET
  count = CASE WHEN r.resets_at <= now() THEN 1 ELSE r.count + 1 END,
  window_start = CASE WHEN r.resets_at <= now() THEN now() ELSE r.window_start END,
  resets_at = CASE WHEN r.resets_at <= now() THEN EXCLUDED.resets_at ELSE r.resets_at END
RETURNING count, GREATEST(1, CEIL(EXTRACT(EPOCH FROM (resets_at - now()))))::integer AS reset_in_seconds`;

/**
 * Counts in the `rate_limits` table, so API nodes on one PostgreSQL hold one limit together.
 * When the table cannot be reached the limiter fails open to per-node counting (logged once per
 * outage) instead of failing the request: whatever else the request needs from storage answers
 * for the outage itself.
 */
export class PostgresWindowCounter extends WindowCounter {
  readonly #db: Database;
  readonly #windowMs: number;
  readonly #fallback: MemoryWindowCounter;
  readonly #logger = new Logger('BillingOS rate limit');
  #failing = false;

  constructor(db: Database, options: { windowMs: number; maxKeys?: number | undefined }) {
    super();
    this.#db = db;
    this.#windowMs = options.windowMs;
    this.#fallback = new MemoryWindowCounter(options);
  }

  async hit(key: string): Promise<WindowHit> {
    let rows: { count: number; reset_in_seconds: number }[];
    try {
      rows = await this.#db.query<{ count: number; reset_in_seconds: number }>(HIT, [key, this.#windowMs]);
    } catch (error) {
      if (!this.#failing) {
        this.#failing = true;
        this.#logger.warn(`Counting rate limits per node until storage answers again: ${(error as Error).message}`);
      }
      return this.#fallback.hit(key);
    }
    if (this.#failing) {
      this.#failing = false;
      this.#logger.warn('Storage answers again: rate limits are shared by every node again.');
    }
    const row = rows[0]!;
    return { count: row.count, resetInSeconds: row.reset_in_seconds };
  }
}
