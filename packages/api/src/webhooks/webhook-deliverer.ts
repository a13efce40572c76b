import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Mode } from '../auth/credential';
import { toEvent } from '../events/event';
import { DeliveryLog } from './delivery-log';
import { DeliveryPool } from './delivery-pool';
import { DeliveryQueue } from './delivery-queue';
import type { DueDelivery } from './delivery-queue';
import { postWebhook } from './webhook-post';
import { signWebhook } from './webhook-signature';

const POLL_INTERVAL_MS = 250;
/** Deliveries one node sends at once, per mode: live mode has its own, which test traffic never occupies. */
export const DELIVERY_WORKERS: Readonly<Record<Mode, number>> = { live: 8, test: 4 };
/** The whole attempt (DNS, connecting, the answer). */
const TIMEOUT_MS = 10_000;
/**
 * A claimed delivery and its endpoint are leased for longer than one attempt can take (the
 * timeout plus recording it), so no other node sends to that endpoint meanwhile; if this node
 * dies, the endpoint is served again after the lease.
 */
const LEASE_SECONDS = TIMEOUT_MS / 1000 + 20;

/**
 * Sends each pending delivery (one per endpoint and event, written by the `EventOutbox`) to its
 * endpoint, with retries on a schedule. Delivery is fair: an endpoint has one delivery in flight
 * at a time across all nodes (its oldest due one), endpoints take turns, each mode has its own
 * workers, and failing endpoints may hold only half of them, so a dead or slow endpoint delays
 * only itself.
 */
@Injectable()
export class WebhookDeliverer implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #log: DeliveryLog;
  readonly #logger = new Logger('BillingOS webhooks');
  readonly #pools: DeliveryPool[];
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(@Inject(DeliveryQueue) queue: DeliveryQueue, @Inject(DeliveryLog) log: DeliveryLog) {
    this.#log = log;
    this.#pools = (['live', 'test'] as const).map(
      (mode) =>
        new DeliveryPool({
          mode,
          size: DELIVERY_WORKERS[mode],
          leaseSeconds: LEASE_SECONDS,
          claim: (filter) => queue.claim(filter),
          send: (delivery) => this.#deliver(delivery),
          onClaimError: (error) => this.#logger.warn(`Could not read pending webhook deliveries: ${error.message}`),
        }),
    );
  }

  onApplicationBootstrap(): void {
    this.#timer = setInterval(() => {
      for (const pool of this.#pools) pool.start();
    }, POLL_INTERVAL_MS);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.all(this.#pools.map((pool) => pool.stop()));
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
