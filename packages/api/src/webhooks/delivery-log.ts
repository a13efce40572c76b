import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../storage/database';
import { newId } from '../storage/ids';
import { DISABLE_AFTER_FAILING_SECONDS, MAX_ATTEMPTS, retryDelaySeconds } from './retry-schedule';
import type { PostOutcome } from './webhook-post';

/** A delivery as its claim left it: `attempts` counts every attempt, `run_attempts` those since the last (re)delivery. */
export interface ClaimedDelivery {
  [column: string]: unknown;
  delivery_id: string;
  endpoint_id: string;
  event_id: string;
  attempts: number;
  run_attempts: number;
  /** The claim's token on the endpoint: recording the attempt releases the endpoint for its next delivery. */
  lease: string;
}

/**
 * Records one attempt and what follows from it, in one transaction: the attempt row; the
 * endpoint's lease released (its next delivery may go, from any node); on success
 * the delivery is done and the endpoint healthy; on failure the next attempt is scheduled (or the
 * delivery given up), and an endpoint failing for about three days is disabled with a reason.
 */
@Injectable()
export class DeliveryLog {
  readonly #db: Database;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  async record(delivery: ClaimedDelivery, outcome: PostOutcome): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO webhook_delivery_attempts (id, delivery_id, endpoint_id, event_id, attempt, response_status, duration_ms, error)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [newId('whatt'), delivery.delivery_id, delivery.endpoint_id, delivery.event_id, delivery.attempts, outcome.responseStatus, outcome.durationMs, outcome.error],
      );
      await tx.query('UPDATE webhook_endpoints SET delivery_lease = NULL WHERE id = $1 AND delivery_lease = $2', [delivery.endpoint_id, delivery.lease]);
      if (!outcome.error) {
        await tx.query('UPDATE webhook_deliveries SET delivered_at = now() WHERE id = $1 AND delivered_at IS NULL', [delivery.delivery_id]);
        await tx.query('UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL', [delivery.endpoint_id]);
        return;
      }
      // Only while the claim is still ours: a later attempt's (or a redelivery's) schedule is not moved.
      const giveUp = delivery.run_attempts >= MAX_ATTEMPTS;
      await tx.query(
        `UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => $3), given_up_at = CASE WHEN $4 THEN now() END
         WHERE id = $1 AND attempts = $2 AND run_attempts = $5 AND delivered_at IS NULL`,
        [delivery.delivery_id, delivery.attempts, retryDelaySeconds(delivery.run_attempts), giveUp, delivery.run_attempts],
      );
      await tx.query('UPDATE webhook_endpoints SET failing_since = now() WHERE id = $1 AND failing_since IS NULL', [delivery.endpoint_id]);
      await tx.query(
        `UPDATE webhook_endpoints SET disabled = true, updated_at = now(),
           disabled_reason = 'Every delivery since ' || to_char(failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' failed (the last: ' || $3 || '). Fix the endpoint, then enable it with PATCH { "disabled": false }: pending deliveries resume.'
         WHERE id = $1 AND NOT disabled AND failing_since <= now() - make_interval(secs => $2)`,
        [delivery.endpoint_id, DISABLE_AFTER_FAILING_SECONDS, outcome.error.slice(0, 300)],
      );
    });
  }
}
