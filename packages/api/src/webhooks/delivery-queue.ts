import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Mode } from '../auth/credential';
import type { EventRow } from '../events/event';
import { Database } from '../storage/database';
import type { ClaimedDelivery } from './delivery-log';

/** A claimed delivery with what sending it needs: the endpoint's URL and secrets, and the event. */
export interface DueDelivery extends EventRow, ClaimedDelivery {
  url: string;
  endpoint_mode: Mode;
  secret: string;
  previous_secret: string | null;
  /** Whether every attempt at this endpoint has failed since its last success. */
  failing: boolean;
}

/** Which deliveries a worker may take. */
export interface ClaimFilter {
  mode: Mode;
  /** Whether endpoints that are failing may be served (a node keeps some workers for healthy ones). */
  includeFailing: boolean;
  /** How long the endpoint and the delivery are held for this attempt. */
  leaseSeconds: number;
}

/**
 * The queue of pending deliveries, fair between endpoints. A claim takes the endpoint of the
 * mode that was served least recently among those with a due delivery and none in flight,
 * leases it (at most one delivery per endpoint is in flight across all nodes), and takes its
 * oldest due delivery. The endpoint row is locked with `FOR UPDATE SKIP LOCKED`, so nodes
 * claiming at once take different endpoints; a lease committed by another node after this
 * statement began is seen when the row is locked (PostgreSQL re-checks a locked row's newest
 * version), and so is a delivery another node has meanwhile recorded.
 */
@Injectable()
export class DeliveryQueue {
  readonly #db: Database;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  async claim(filter: ClaimFilter): Promise<DueDelivery | undefined> {
    const lease = randomUUID();
    const [delivery] = await this.#db.query<DueDelivery>(
      `WITH endpoint AS (
         SELECT w.id FROM webhook_endpoints w
         WHERE w.mode = $1 AND NOT w.disabled AND ($2::boolean OR w.failing_since IS NULL)
           AND (w.delivery_lease IS NULL OR w.delivery_lease_until <= now())
           AND EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = w.id AND p.delivered_at IS NULL AND p.given_up_at IS NULL AND p.next_attempt_at <= now())
         ORDER BY w.delivery_lease_until NULLS FIRST, w.id
         LIMIT 1 FOR UPDATE OF w SKIP LOCKED
       ), due AS (
         SELECT p.id FROM webhook_deliveries p JOIN endpoint ON endpoint.id = p.endpoint_id
         WHERE p.delivered_at IS NULL AND p.given_up_at IS NULL AND p.next_attempt_at <= now()
         ORDER BY p.event_id LIMIT 1
       ), claimed AS (
         UPDATE webhook_deliveries d SET attempts = d.attempts + 1, run_attempts = d.run_attempts + 1, next_attempt_at = now() + make_interval(secs => $3)
         FROM due WHERE d.id = due.id AND d.delivered_at IS NULL AND d.given_up_at IS NULL AND d.next_attempt_at <= now()
         RETURNING d.id, d.endpoint_id, d.event_id, d.attempts, d.run_attempts
       ), leased AS (
         UPDATE webhook_endpoints w SET delivery_lease = $4, delivery_lease_until = now() + make_interval(secs => $3)
         FROM claimed WHERE w.id = claimed.endpoint_id
         RETURNING w.id, w.url, w.mode, w.secret, w.failing_since IS NOT NULL AS failing,
           CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret END AS previous_secret
       )
       SELECT c.id AS delivery_id, c.endpoint_id, c.event_id, c.attempts, c.run_attempts,
         l.url, l.mode AS endpoint_mode, l.secret, l.previous_secret, l.failing,
         e.id, e.type, e.mode, e.data, e.created_at, e.previous_attributes
       FROM claimed c JOIN leased l ON l.id = c.endpoint_id JOIN webhook_events e ON e.id = c.event_id`,
      [filter.mode, filter.includeFailing, filter.leaseSeconds, lease],
    );
    return delivery && { ...delivery, lease };
  }
}
