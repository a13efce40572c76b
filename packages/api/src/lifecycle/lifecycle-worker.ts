import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { API_CONFIG } from '../app/api-config';
import type { ApiConfig } from '../app/api-config';
import { Database } from '../storage/database';
import { Clock } from '../time/clock';
import { InvoiceCollector } from './invoice-collector';
import { loadSubscriptionRow, SubscriptionLifecycle } from './subscription-lifecycle';

/** Transitions one pass runs at most before yielding to the next tick. */
const TRANSITIONS_PER_PASS = 200;

/**
 * Runs the transitions that wall-clock time has made due, and charges the invoices they made (test-clock customers move only when
 * their clock is advanced). Each transition is its own transaction on a row claimed with
 * `FOR UPDATE SKIP LOCKED`, earliest first, so several nodes share the work, none runs a
 * transition twice, and after downtime the backlog is worked off in time order.
 */
@Injectable()
export class LifecycleWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #lifecycle: SubscriptionLifecycle;
  readonly #collector: InvoiceCollector;
  readonly #intervalMs: number;
  readonly #logger = new Logger('BillingOS lifecycle');
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<unknown> | undefined;

  constructor(
    @Inject(Database) db: Database,
    @Inject(Clock) clock: Clock,
    @Inject(SubscriptionLifecycle) lifecycle: SubscriptionLifecycle,
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(InvoiceCollector) collector: InvoiceCollector,
  ) {
    this.#db = db;
    this.#clock = clock;
    this.#lifecycle = lifecycle;
    this.#collector = collector;
    this.#intervalMs = config.lifecycleIntervalMs;
  }

  onApplicationBootstrap(): void {
    if (this.#intervalMs <= 0) return;
    this.#timer = setInterval(() => {
      this.#running ??= this.runDue()
        .catch((error: unknown) => this.#logger.warn(`Could not run due subscription transitions: ${(error as Error).message}`))
        .finally(() => (this.#running = undefined));
    }, this.#intervalMs);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  /** Runs due transitions until none is left (or one pass's worth), then charges the invoices they made; returns how many of both ran. */
  async runDue(limit = TRANSITIONS_PER_PASS): Promise<number> {
    let ran = 0;
    while (ran < limit && (await this.#runNext())) ran += 1;
    return ran + (await this.#collector.collectDue({ wallClock: true }, this.#clock.now(), limit));
  }

  #runNext(): Promise<boolean> {
    const now = this.#clock.now();
    return this.#db.transaction(async (tx) => {
      const [claimed] = await tx.query<{ id: string }>(
        `SELECT id FROM subscriptions WHERE test_clock_id IS NULL AND due_at <= $1
         ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now],
      );
      if (!claimed) return false;
      // Read the locked row again in its own statement: the claiming statement's snapshot may predate
      // another node's committed transition of this row, and running from that stale state renews twice.
      await this.#lifecycle.runClaimed(tx, await loadSubscriptionRow(tx, claimed.id), now);
      return true;
    });
  }
}
