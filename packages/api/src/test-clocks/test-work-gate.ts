import { Injectable } from '@nestjs/common';

/** Test-clock transactions one node runs at once: live requests always find the rest of the pool free. */
const CONCURRENT_TEST_WORK = 2;

/**
 * A small semaphore for test-mode work that can be long (test-clock advances): it runs in short
 * steps through here, so however many clocks advance at once, they hold at most two
 * connections, and each waiting step queues here instead of in the database pool.
 */
@Injectable()
export class TestWorkGate {
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= CONCURRENT_TEST_WORK) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running += 1;
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }
}

/** Lets everything already queued on the event loop (live requests) run before the next step. */
export function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
