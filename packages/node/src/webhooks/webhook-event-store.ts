/**
 * Remembers the ids of events your handlers already processed, so a redelivery (BillingOS
 * delivers at least once; `events.redeliver` sends again) runs no handler twice. Back it with
 * what all your server's instances share: a database table with the id as primary key, Redis
 * `SET NX` with an expiry of a few days, a KV namespace.
 *
 * @example
 * const store: WebhookEventStore = {
 *   has: async (id) => (await db.query('SELECT 1 FROM processed_events WHERE id = $1', [id])).rowCount > 0,
 *   set: (id) => db.query('INSERT INTO processed_events (id) VALUES ($1) ON CONFLICT DO NOTHING', [id]),
 * };
 */
export interface WebhookEventStore {
  /** Whether the event was processed already. */
  has(eventId: string): boolean | Promise<boolean>;
  /** Marks the event processed: called once every handler for it succeeded. */
  set(eventId: string): unknown;
}

/**
 * A {@link WebhookEventStore} in this process's memory, keeping the latest `maxSize` ids. Per
 * process only: it forgets on restart and is not shared by several instances or serverless
 * invocations, so it catches a quick redelivery to the same process and nothing more.
 */
export class MemoryWebhookEventStore implements WebhookEventStore {
  readonly #ids = new Set<string>();
  readonly #maxSize: number;

  /** @param maxSize ids kept (the oldest go first); @default 10000 */
  constructor(maxSize = 10_000) {
    this.#maxSize = maxSize;
  }

  has(eventId: string): boolean {
    return this.#ids.has(eventId);
  }

  set(eventId: string): void {
    this.#ids.delete(eventId);
    this.#ids.add(eventId);
    for (const oldest of this.#ids) {
      if (this.#ids.size <= this.#maxSize) break;
      this.#ids.delete(oldest);
    }
  }
}
