import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { API_CONFIG } from '../app/api-config';
import type { ApiConfig } from '../app/api-config';
import { CheckoutSessionsService } from './checkout-sessions.service';

/** Expires checkouts whose 24 hours are over, on the lifecycle worker's interval (0 turns both off). */
@Injectable()
export class CheckoutExpiryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #sessions: CheckoutSessionsService;
  readonly #intervalMs: number;
  readonly #logger = new Logger('BillingOS checkout');
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<unknown> | undefined;

  constructor(@Inject(CheckoutSessionsService) sessions: CheckoutSessionsService, @Inject(API_CONFIG) config: ApiConfig) {
    this.#sessions = sessions;
    this.#intervalMs = config.lifecycleIntervalMs;
  }

  onApplicationBootstrap(): void {
    if (this.#intervalMs <= 0) return;
    this.#timer = setInterval(() => {
      this.#running ??= this.#sessions
        .expireDue()
        .catch((error: unknown) => this.#logger.warn(`Could not expire checkouts: ${(error as Error).message}`))
        .finally(() => (this.#running = undefined));
    }, this.#intervalMs);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
