/** One request counted in its key's fixed window. */
export interface WindowHit {
  /** Requests in this window so far, this one included. */
  count: number;
  /** Seconds until the window ends (at least 1). */
  resetInSeconds: number;
}

/**
 * Counts requests per key in fixed windows that start at the key's first request. The seam
 * between in-process counting (`MemoryWindowCounter`) and one count shared by every API node
 * (`PostgresWindowCounter`).
 */
export abstract class WindowCounter {
  abstract hit(key: string): Promise<WindowHit>;
}
