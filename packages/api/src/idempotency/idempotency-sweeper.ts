import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Database } from '../storage/database';
import { IDEMPOTENCY_TTL_HOURS } from './idempotency-store';

const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Deletes idempotency keys past their 24 hours, so the table stays the size of one day's POSTs.
 * On PGlite, which one process owns, claims still in progress at start belonged to a process
 * that died: they are dropped, so a client's retry runs at once instead of waiting out the minute.
 */
@Injectable()
export class IdempotencySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #db: Database;
  readonly #logger = new Logger('BillingOS idempotency');
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.#db.kind === 'pglite') await this.#db.query("DELETE FROM idempotency_keys WHERE status = 'in_progress'");
    this.#timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    // Hosts whose timers are plain numbers (jsdom, when a browser test starts the API in-process) have no unref.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  onApplicationShutdown(): void {
    clearInterval(this.#timer);
  }

  async sweep(): Promise<void> {
    await this.#db
      .query('DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)', [IDEMPOTENCY_TTL_HOURS])
      .catch((error: unknown) => this.#logger.warn(`Could not sweep idempotency keys: ${(error as Error).message}`));
  }
}
