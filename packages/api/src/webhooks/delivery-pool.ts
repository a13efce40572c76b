import type { Mode } from '../auth/credential';
import type { ClaimFilter, DueDelivery } from './delivery-queue';

export interface DeliveryPoolOptions {
  mode: Mode;
  /** Deliveries this node sends at once in this mode. */
  size: number;
  leaseSeconds: number;
  claim(filter: ClaimFilter): Promise<DueDelivery | undefined>;
  /** Sends one delivery and records its outcome; never throws. */
  send(delivery: DueDelivery): Promise<void>;
  onClaimError(error: Error): void;
}

/**
 * One mode's workers on this node, so test-mode traffic can never occupy a live worker. A
 * worker sends due deliveries until none is left; one that finds work starts another, up to
 * `size`. At most half of them serve endpoints that are failing (every attempt since the last
 * success failed, likely timing out): the other half stays free for healthy endpoints however
 * many endpoints are dead.
 */
export class DeliveryPool {
  readonly #options: DeliveryPoolOptions;
  readonly #failingLimit: number;
  readonly #running = new Set<Promise<void>>();
  /** Workers serving a failing endpoint, or claiming with leave to take one. */
  #failing = 0;
  #stopped = false;

  constructor(options: DeliveryPoolOptions) {
    this.#options = options;
    this.#failingLimit = Math.max(1, Math.floor(options.size / 2));
  }

  /** Starts a worker unless all are busy (each poll calls this). */
  start(): void {
    if (this.#stopped || this.#running.size >= this.#options.size) return;
    const worker = this.#work().finally(() => this.#running.delete(worker));
    this.#running.add(worker);
  }

  /** Starts no more work and waits for the deliveries in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.#running);
  }

  async #work(): Promise<void> {
    while (!this.#stopped) {
      const includeFailing = this.#failing < this.#failingLimit;
      if (includeFailing) this.#failing += 1;
      const delivery = await this.#options.claim({ mode: this.#options.mode, includeFailing, leaseSeconds: this.#options.leaseSeconds }).catch((error: unknown) => {
        this.#options.onClaimError(error as Error);
        return undefined;
      });
      const holdsFailing = includeFailing && delivery?.failing === true;
      if (includeFailing && !holdsFailing) this.#failing -= 1;
      if (!delivery) return;
      this.start();
      try {
        await this.#options.send(delivery);
      } finally {
        if (holdsFailing) this.#failing -= 1;
      }
    }
  }
}
