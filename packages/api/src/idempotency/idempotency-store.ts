import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../storage/database';

/** How long a key's stored response is replayed. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** An in-progress claim older than this belonged to a request that died; it may be taken over. */
const ABANDONED_AFTER_SECONDS = 60;

export type Claim =
  | { kind: 'owned' }
  | { kind: 'replay'; body: unknown }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

/**
 * Idempotency keys, per scope (merchant, mode and caller). Claiming inserts a row first: the
 * primary key makes exactly one of two concurrent requests the owner, on PGlite and PostgreSQL alike.
 */
@Injectable()
export class IdempotencyStore {
  readonly #db: Database;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  async claim(scope: string, key: string, requestHash: string): Promise<Claim> {
    await this.#db.query(
      `DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND (created_at < now() - make_interval(hours => $3)
         OR (status = 'in_progress' AND created_at < now() - make_interval(secs => $4)))`,
      [scope, key, IDEMPOTENCY_TTL_HOURS, ABANDONED_AFTER_SECONDS],
    );
    const inserted = await this.#db.query(
      'INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT (scope, key) DO NOTHING RETURNING key',
      [scope, key, requestHash],
    );
    if (inserted.length > 0) return { kind: 'owned' };
    const [existing] = await this.#db.query<{ request_hash: string; status: string; response_body: unknown }>(
      'SELECT request_hash, status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    if (!existing) return this.claim(scope, key, requestHash);
    if (existing.request_hash !== requestHash) return { kind: 'mismatch' };
    if (existing.status !== 'completed') return { kind: 'in_progress' };
    return { kind: 'replay', body: existing.response_body };
  }

  async complete(scope: string, key: string, body: unknown): Promise<void> {
    await this.#db.query("UPDATE idempotency_keys SET status = 'completed', response_body = $3 WHERE scope = $1 AND key = $2", [
      scope,
      key,
      JSON.stringify(body ?? null),
    ]);
  }

  /** Forgets a claim whose request failed, so the client may retry with the same key. */
  async release(scope: string, key: string): Promise<void> {
    await this.#db.query("DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status = 'in_progress'", [scope, key]);
  }
}
