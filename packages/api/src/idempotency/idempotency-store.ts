import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../storage/database';
import { openReplay, sealReplay, storedIdempotencyKey } from './sealed-replay';

/** How long a key's stored response is replayed. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** An in-progress claim older than this belonged to a request that died; it may be taken over. */
const ABANDONED_AFTER_SECONDS = 60;

export type Claim =
  | { kind: 'owned'; owner: string }
  | { kind: 'replay'; body: unknown }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

/** The claim was taken over by another request while this one ran: its change must not commit. */
export class ClaimLostError extends Error {
  override name = 'ClaimLostError';
}

/**
 * Idempotency keys, per scope (merchant, mode and caller). Claiming commits a row first: the
 * primary key makes exactly one of two concurrent requests the owner, on PGlite and PostgreSQL
 * alike. Each claim carries a fresh owner id that completing and releasing check (a fencing token).
 * Keys are stored hashed and responses sealed with the key (see `sealReplay`).
 */
@Injectable()
export class IdempotencyStore {
  readonly #db: Database;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  async claim(scope: string, key: string, requestHash: string): Promise<Claim> {
    const claim = await this.#claim(scope, storedIdempotencyKey(key), requestHash);
    return claim.kind === 'replay' ? { kind: 'replay', body: openReplay(claim.body, key, scope) } : claim;
  }

  async #claim(scope: string, key: string, requestHash: string): Promise<Claim> {
    const owner = randomUUID();
    await this.#db.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND created_at < now() - make_interval(hours => $3)', [
      scope,
      key,
      IDEMPOTENCY_TTL_HOURS,
    ]);
    const inserted = await this.#db.query(
      'INSERT INTO idempotency_keys (scope, key, request_hash, owner) VALUES ($1, $2, $3, $4) ON CONFLICT (scope, key) DO NOTHING RETURNING key',
      [scope, key, requestHash, owner],
    );
    if (inserted.length > 0) return { kind: 'owned', owner };
    const [existing] = await this.#db.query<{ request_hash: string; status: string; response_body: unknown; abandoned: boolean }>(
      `SELECT request_hash, status, response_body, created_at < now() - make_interval(secs => $3) AS abandoned
         FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key, ABANDONED_AFTER_SECONDS],
    );
    if (!existing) return this.#claim(scope, key, requestHash);
    if (existing.request_hash !== requestHash) return { kind: 'mismatch' };
    if (existing.status === 'completed') return { kind: 'replay', body: existing.response_body };
    if (existing.abandoned && (await this.#takeOver(scope, key, owner))) return { kind: 'owned', owner };
    return { kind: 'in_progress' };
  }

  /**
   * Stores the response of the owner's request. Call it inside the transaction of the change:
   * when the claim was taken over meanwhile it throws `ClaimLostError`, rolling the change back.
   */
  async complete(scope: string, key: string, owner: string, body: unknown): Promise<void> {
    const updated = await this.#db.query(
      "UPDATE idempotency_keys SET status = 'completed', response_body = $4 WHERE scope = $1 AND key = $2 AND owner = $3 AND status = 'in_progress' RETURNING key",
      [scope, storedIdempotencyKey(key), owner, JSON.stringify(sealReplay(body, key, scope))],
    );
    if (updated.length === 0) throw new ClaimLostError(`The claim on Idempotency-Key "${key}" was taken over by another request.`);
  }

  /** Forgets the owner's claim after its request failed, so the client may retry with the same key. */
  async release(scope: string, key: string, owner: string): Promise<void> {
    await this.#db.query("DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND owner = $3 AND status = 'in_progress'", [scope, storedIdempotencyKey(key), owner]);
  }

  async #takeOver(scope: string, key: string, owner: string): Promise<boolean> {
    const taken = await this.#db.query(
      `UPDATE idempotency_keys SET owner = $3, created_at = now()
        WHERE scope = $1 AND key = $2 AND status = 'in_progress' AND created_at < now() - make_interval(secs => $4) RETURNING key`,
      [scope, key, owner, ABANDONED_AFTER_SECONDS],
    );
    return taken.length > 0;
  }
}
