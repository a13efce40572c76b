import type { Database } from '../../src/storage/database';

/** One statement that read events by their recorded time: what an event stream's poll runs. */
export interface FeedRead {
  merchantId: string;
  params: readonly unknown[];
}

/**
 * Records, from now on, every statement `db` runs that reads events by their recorded time,
 * in the order they start: a test counts an event stream's polls with it.
 */
export function recordFeedReads(db: Database): FeedRead[] {
  const reads: FeedRead[] = [];
  const query = db.query.bind(db);
  db.query = ((sql: string, params: readonly unknown[] = []) => {
    if (/FROM webhook_events/.test(sql) && /recorded_at/.test(sql)) reads.push({ merchantId: String(params[0]), params });
    return query(sql, params);
  }) as Database['query'];
  return reads;
}
