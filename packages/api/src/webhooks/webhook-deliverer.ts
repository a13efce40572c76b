import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { API_CONFIG } from '../app/api-config';
import type { ApiConfig } from '../app/api-config';
import { Database } from '../storage/database';
import { MAX_ATTEMPTS, retryDelaySeconds } from './retry-schedule';
import { signWebhook } from './webhook-signature';

const POLL_INTERVAL_MS = 250;
/** Events one pass delivers at most, each claimed on its own just before it is sent. */
const EVENTS_PER_PASS = 20;
const TIMEOUT_MS = 10_000;
/**
 * A claimed event is leased for longer than one delivery can take (the timeout plus recording
 * it), so no other node sends it meanwhile; if this node dies, another retries it after the lease.
 */
const LEASE_SECONDS = TIMEOUT_MS / 1000 + 20;

interface DueEvent {
  [column: string]: unknown;
  id: string;
  type: string;
  data: unknown;
  created_at: Date;
  mode: string;
  previous_attributes: object | null;
  attempts: number;
  webhook_secret: string;
}

/**
 * Sends outbox events to the merchant's endpoint, oldest first, with retries on a schedule.
 * Each event is claimed with `FOR UPDATE SKIP LOCKED` and leased right before its delivery, so
 * several API nodes share the work and none sends an event another one is still sending.
 */
@Injectable()
export class WebhookDeliverer implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #db: Database;
  readonly #endpoint: string | undefined;
  readonly #logger = new Logger('BillingOS webhooks');
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;

  constructor(@Inject(Database) db: Database, @Inject(API_CONFIG) config: ApiConfig) {
    this.#db = db;
    this.#endpoint = config.webhookEndpoint;
  }

  onApplicationBootstrap(): void {
    if (!this.#endpoint) return;
    this.#timer = setInterval(() => {
      this.#running ??= this.deliverDue().finally(() => (this.#running = undefined));
    }, POLL_INTERVAL_MS);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  /** One pass over the events that are due. */
  async deliverDue(): Promise<void> {
    for (let delivered = 0; delivered < EVENTS_PER_PASS; delivered += 1) {
      const event = await this.#claimNext().catch((error: unknown) => {
        this.#logger.warn(`Could not read the outbox: ${(error as Error).message}`);
        return undefined;
      });
      if (!event) return;
      await this.#deliver(event);
    }
  }

  async #claimNext(): Promise<DueEvent | undefined> {
    const [event] = await this.#db.query<DueEvent>(
      `UPDATE webhook_events e SET attempts = e.attempts + 1, next_attempt_at = now() + make_interval(secs => $1)
       FROM merchants m
       WHERE m.id = e.merchant_id AND m.webhook_secret IS NOT NULL AND e.id IN (
         SELECT id FROM webhook_events WHERE delivered_at IS NULL AND next_attempt_at <= now() AND attempts < $2
         ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING e.id, e.type, e.data, e.created_at, e.mode, e.previous_attributes, e.attempts, m.webhook_secret`,
      [LEASE_SECONDS, MAX_ATTEMPTS],
    );
    return event;
  }

  async #deliver(event: DueEvent): Promise<void> {
    const body = JSON.stringify(eventEnvelope(event));
    const headers = signWebhook(event.webhook_secret, event.id, body, Math.floor(Date.now() / 1000));
    let failure: string | undefined;
    try {
      const response = await fetch(this.#endpoint!, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'BillingOS-Webhooks/1', ...headers },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (!response.ok) failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = (error as Error).message;
    }
    await this.#record(event, failure).catch((error: unknown) => this.#logger.warn(`Could not record delivery of ${event.id}: ${(error as Error).message}`));
  }

  async #record(event: DueEvent, failure: string | undefined): Promise<void> {
    if (!failure) {
      await this.#db.query('UPDATE webhook_events SET delivered_at = now(), last_error = NULL WHERE id = $1', [event.id]);
      return;
    }
    this.#logger.warn(`Delivery of ${event.id} (${event.type}) failed (${failure}); attempt ${event.attempts} of ${MAX_ATTEMPTS}.`);
    // Only while the claim is still ours: a later attempt's schedule is not moved back.
    await this.#db.query(
      'UPDATE webhook_events SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1 AND attempts = $4 AND delivered_at IS NULL',
      [event.id, failure, retryDelaySeconds(event.attempts), event.attempts],
    );
  }
}

/** `{ id, type, createdAt, livemode, data, previousAttributes? }`: what every delivery carries. */
function eventEnvelope(event: DueEvent) {
  return {
    id: event.id,
    type: event.type,
    createdAt: new Date(event.created_at).toISOString(),
    livemode: event.mode === 'live',
    data: event.data,
    ...(event.previous_attributes ? { previousAttributes: event.previous_attributes } : {}),
  };
}
