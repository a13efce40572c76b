import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Mode } from '../auth/credential';
import { toEvent } from '../events/event';
import type { EventRow } from '../events/event';
import { Database } from '../storage/database';
import { DeliveryLog } from './delivery-log';
import type { ClaimedDelivery } from './delivery-log';
import { postWebhook } from './webhook-post';
import { signWebhook } from './webhook-signature';

const POLL_INTERVAL_MS = 250;
/** Deliveries one node sends at once, so one slow endpoint does not hold up the others. */
const CONCURRENCY = 8;
const TIMEOUT_MS = 10_000;
/**
 * A claimed delivery is leased for longer than one attempt can take (the timeout plus recording
 * it), so no other node sends it meanwhile; if this node dies, another retries it after the lease.
 */
const LEASE_SECONDS = TIMEOUT_MS / 1000 + 20;

interface DueDelivery extends EventRow, ClaimedDelivery {
  url: string;
  endpoint_mode: Mode;
  secret: string;
  previous_secret: string | null;
}

/**
 * Sends each pending delivery (one per endpoint and event, written by the `EventOutbox`) to its
 * endpoint, oldest event first, with retries on a schedule. Each delivery is claimed with
 * `FOR UPDATE SKIP LOCKED` and leased right before it is sent, so several API nodes share the
 * work and none sends a delivery another one is still sending.
 */
@Injectable()
export class WebhookDeliverer implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #db: Database;
  readonly #log: DeliveryLog;
  readonly #logger = new Logger('BillingOS webhooks');
  readonly #running = new Set<Promise<void>>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #stopped = false;

  constructor(@Inject(Database) db: Database, @Inject(DeliveryLog) log: DeliveryLog) {
    this.#db = db;
    this.#log = log;
  }

  onApplicationBootstrap(): void {
    this.#timer = setInterval(() => this.#startWorker(), POLL_INTERVAL_MS);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  async onApplicationShutdown(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await Promise.all(this.#running);
  }

  /** A worker sends due deliveries until none is left; one that finds work starts another, up to `CONCURRENCY`. */
  #startWorker(): void {
    if (this.#stopped || this.#running.size >= CONCURRENCY) return;
    const worker = this.#work().finally(() => this.#running.delete(worker));
    this.#running.add(worker);
  }

  async #work(): Promise<void> {
    while (!this.#stopped) {
      const delivery = await this.#claimNext().catch((error: unknown) => {
        this.#logger.warn(`Could not read pending webhook deliveries: ${(error as Error).message}`);
        return undefined;
      });
      if (!delivery) return;
      this.#startWorker();
      await this.#deliver(delivery);
    }
  }

  async #claimNext(): Promise<DueDelivery | undefined> {
    const [delivery] = await this.#db.query<DueDelivery>(
      `UPDATE webhook_deliveries d SET attempts = d.attempts + 1, run_attempts = d.run_attempts + 1, next_attempt_at = now() + make_interval(secs => $1)
       FROM webhook_endpoints w, webhook_events e
       WHERE w.id = d.endpoint_id AND e.id = d.event_id AND d.id IN (
         SELECT p.id FROM webhook_deliveries p JOIN webhook_endpoints pw ON pw.id = p.endpoint_id
         WHERE p.delivered_at IS NULL AND p.given_up_at IS NULL AND p.next_attempt_at <= now() AND NOT pw.disabled
         ORDER BY p.event_id LIMIT 1 FOR UPDATE OF p SKIP LOCKED)
       RETURNING d.id AS delivery_id, d.endpoint_id, d.event_id, d.attempts, d.run_attempts,
         w.url, w.mode AS endpoint_mode, w.secret,
         CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret END AS previous_secret,
         e.id, e.type, e.mode, e.data, e.created_at, e.previous_attributes`,
      [LEASE_SECONDS],
    );
    return delivery;
  }

  async #deliver(delivery: DueDelivery): Promise<void> {
    const body = JSON.stringify(toEvent(delivery));
    const secrets = delivery.previous_secret ? [delivery.secret, delivery.previous_secret] : [delivery.secret];
    const headers = signWebhook(secrets, delivery.event_id, body, Math.floor(Date.now() / 1000));
    const outcome = await postWebhook(delivery.url, delivery.endpoint_mode, headers, body, { timeoutMs: TIMEOUT_MS });
    if (outcome.error) this.#logger.warn(`Delivery of ${delivery.event_id} (${delivery.type}) to ${delivery.endpoint_id} failed (${outcome.error}); attempt ${delivery.attempts}.`);
    await this.#log.record(delivery, outcome).catch((error: unknown) => this.#logger.warn(`Could not record the delivery of ${delivery.event_id}: ${(error as Error).message}`));
  }
}
