import type { MerchantScope } from '../auth/credential';
import type { Database } from '../storage/database';
import { EVENT_COLUMNS, toEvent } from './event';
import type { BillingEvent, EventRow } from './event';

/** Events read per statement: a poll's cost does not grow with the events before it. */
const BATCH = 100;

/**
 * The longest a feed waits for an open transaction: one open longer may have its events skipped
 * (as a bound for a session left idle in a transaction, which would otherwise hold every stream).
 */
const MAX_COMMIT_WAIT = "interval '60 seconds'";

/** A database time in microseconds since the Unix epoch, exact (a JS `Date` keeps milliseconds only). */
export type Microseconds = bigint;

/** An event with the moment it was recorded, on the database's clock. */
export interface RecordedEvent {
  event: BillingEvent;
  recordedAt: Microseconds;
}

interface FeedRow extends EventRow {
  recorded_us: string | number;
}

const AT = (param: string) => `('epoch'::timestamptz + ${param}::bigint * interval '1 microsecond')`;
const MICROSECONDS = (expression: string) => `(extract(epoch FROM ${expression}) * 1000000)::bigint`;

/**
 * The events of one merchant's mode recorded from a point on, each once and in recorded order
 * (`recorded_at`, then id), as they commit: every node writes to the one database, so a feed on
 * any node sees all of them.
 *
 * An event is visible when its transaction commits, which can be after events recorded later (a
 * test-clock advance writes many in one transaction; a sequence number, also taken at insert,
 * would commit out of order just the same). So a feed reads only below a horizon: the
 * start of the oldest transaction still open in the database, read in a statement of its own
 * before the events are. A transaction records its events after it starts, so every event
 * recorded before the horizon has committed (or rolled back) by the time the events are read,
 * and a cursor on (`recorded_at`, id) never steps over one that commits later. Nothing is
 * remembered per event, and each read is one index range of at most `BATCH` rows. The price is a
 * delay: an event waits for the transactions older than it (normally milliseconds), at most 60 s.
 *
 * The horizon comes from `pg_stat_activity`, which shows a role the transactions of its own role:
 * the API's nodes share theirs. PGlite is one connection that runs one transaction at a time, so
 * nothing is ever open while a feed reads there.
 */
export class EventFeed {
  readonly #db: Database;
  readonly #scope: MerchantScope;
  /** The last event read: the next read starts after it (an empty id reads those recorded at `#afterAt` too). */
  #afterAt: Microseconds;
  #afterId = '';

  /** A feed of the events recorded from `from` on (see `EventFeed.now`). */
  constructor(db: Database, scope: MerchantScope, from: Microseconds) {
    this.#db = db;
    this.#scope = scope;
    this.#afterAt = from;
  }

  /** The database's time now: what a new stream's events are recorded after. */
  static async now(db: Database): Promise<Microseconds> {
    const [row] = await db.query<{ now: string | number }>(`SELECT ${MICROSECONDS('statement_timestamp()')} AS now`);
    return BigInt(row!.now);
  }

  /** The next events that committed, in recorded order; `more` when there may be others to read at once. */
  async next(): Promise<{ events: RecordedEvent[]; more: boolean }> {
    const horizon = await this.#horizon();
    const rows = await this.#db.query<FeedRow>(
      `SELECT ${EVENT_COLUMNS}, ${MICROSECONDS('recorded_at')} AS recorded_us FROM webhook_events
       WHERE merchant_id = $1 AND mode = $2 AND recorded_at >= ${AT('$3')} AND (recorded_at > ${AT('$3')} OR id > $4) AND recorded_at < ${AT('$5')}
       ORDER BY recorded_at, id LIMIT ${BATCH}`,
      [this.#scope.merchantId, this.#scope.mode, String(this.#afterAt), this.#afterId, String(horizon)],
    );
    const events = rows.map((row) => ({ event: toEvent(row), recordedAt: BigInt(row.recorded_us) }));
    const last = rows.at(-1);
    if (last) {
      this.#afterAt = BigInt(last.recorded_us);
      this.#afterId = last.id;
    }
    return { events, more: rows.length === BATCH };
  }

  /**
   * Every event recorded before this time has committed or rolled back. Statement time, not clock
   * time: it is taken before `pg_stat_activity` is read, so a transaction that starts in between
   * records its events after it.
   */
  async #horizon(): Promise<Microseconds> {
    const [row] = await this.#db.query<{ horizon: string | number }>(
      `SELECT ${MICROSECONDS(`least(statement_timestamp(), greatest(statement_timestamp() - ${MAX_COMMIT_WAIT}, coalesce((
         SELECT min(xact_start) FROM pg_stat_activity
         WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()
       ), statement_timestamp())))`)} AS horizon`,
    );
    return BigInt(row!.horizon);
  }
}
