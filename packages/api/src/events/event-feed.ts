import type { MerchantScope } from '../auth/credential';
import type { Database } from '../storage/database';
import { EVENT_COLUMNS, toEvent } from './event';
import type { BillingEvent, EventRow } from './event';

/**
 * How far back each poll looks again: an event becomes visible when its transaction commits, which
 * can be after events recorded later (a test-clock advance writes many in one transaction).
 */
const OVERLAP_MS = 60_000;
const BATCH = 100;

interface FeedRow extends EventRow {
  recorded_at: Date;
}

/**
 * The events of one merchant's mode recorded from a point on, each once, as they commit: every
 * node writes to the one database, so a feed on any node sees all of them. Reads by `recorded_at`
 * (the database's clock) with an overlap window, remembering the ids it already returned.
 */
export class EventFeed {
  readonly #db: Database;
  readonly #scope: MerchantScope;
  readonly #seen = new Map<string, number>();
  #since = 0;
  #newest = 0;

  private constructor(db: Database, scope: MerchantScope) {
    this.#db = db;
    this.#scope = scope;
  }

  /** A feed of the events committed from now on. */
  static async start(db: Database, scope: MerchantScope): Promise<EventFeed> {
    const feed = new EventFeed(db, scope);
    const [row] = await db.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    feed.#since = new Date(row!.now).getTime();
    feed.#newest = feed.#since;
    return feed;
  }

  /** The events that committed since the last call, in the order they were recorded. */
  async next(): Promise<BillingEvent[]> {
    const from = Math.max(this.#since, this.#newest - OVERLAP_MS);
    for (const [id, recordedAt] of this.#seen) if (recordedAt <= from) this.#seen.delete(id);
    const rows = await this.#db.query<FeedRow>(
      `SELECT ${EVENT_COLUMNS}, recorded_at FROM webhook_events
       WHERE merchant_id = $1 AND mode = $2 AND recorded_at > $3 AND id NOT IN (SELECT jsonb_array_elements_text($4::jsonb))
       ORDER BY recorded_at, id LIMIT ${BATCH}`,
      [this.#scope.merchantId, this.#scope.mode, new Date(from), JSON.stringify([...this.#seen.keys()])],
    );
    for (const row of rows) {
      const recordedAt = new Date(row.recorded_at).getTime();
      this.#seen.set(row.id, recordedAt);
      this.#newest = Math.max(this.#newest, recordedAt);
    }
    return rows.map(toEvent);
  }
}
