import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { API_CONFIG } from '../app/api-config';
import type { ApiConfig } from '../app/api-config';
import { Database } from '../storage/database';

/**
 * Deletes `rate_limits` rows whose window has ended, so the table holds only the keys counted
 * lately: at start, then about once a window. PostgreSQL only (PGlite counts in memory). Every
 * node sweeps; a delete finding nothing costs an index probe.
 */
@Injectable()
export class RateLimitSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #db: Database;
  readonly #everyMs: number;
  readonly #logger = new Logger('BillingOS rate limit');
  #timer: ReturnType<typeof setInterval> | undefined;
  #failing = false;

  constructor(@Inject(Database) db: Database, @Inject(API_CONFIG) config: ApiConfig) {
    this.#db = db;
    this.#everyMs = Math.min(Math.max(config.rateLimit.windowMs, 1_000), 60_000);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.#db.kind !== 'postgres') return;
    await this.sweep();
    this.#timer = setInterval(() => void this.sweep(), this.#everyMs);
    // Hosts whose timers are plain numbers (jsdom, when a browser test starts the API in-process) have no unref.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  onApplicationShutdown(): void {
    clearInterval(this.#timer);
  }

  async sweep(): Promise<void> {
    try {
      await this.#db.query('DELETE FROM rate_limits WHERE resets_at <= now()');
      this.#failing = false;
    } catch (error) {
      // Once per outage: the counter already reports it, and a sweep every second would flood the log.
      if (!this.#failing) this.#logger.warn(`Could not sweep ended rate-limit windows: ${(error as Error).message}`);
      this.#failing = true;
    }
  }
}
