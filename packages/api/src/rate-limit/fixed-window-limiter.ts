import type { RateLimitOptions } from '../app/api-config';

export interface LimitDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets. */
  resetInSeconds: number;
}

/**
 * Counts requests per key in fixed windows, in this process's memory: each API node limits on
 * its own, which keeps nodes stateless (a shared store would be a PostgreSQL round trip per request).
 */
export class FixedWindowLimiter {
  readonly #options: RateLimitOptions;
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(options: RateLimitOptions) {
    this.#options = options;
  }

  hit(key: string, now = Date.now()): LimitDecision {
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.#windows.size >= 50_000) this.#sweep(now);
      window = { count: 0, resetAt: now + this.#options.windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return {
      allowed: window.count <= this.#options.max,
      remaining: Math.max(0, this.#options.max - window.count),
      resetInSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)),
    };
  }

  /** The decision a hit would meet, without counting one. */
  peek(key: string, now = Date.now()): LimitDecision {
    const window = this.#windows.get(key);
    if (!window || window.resetAt <= now) return { allowed: true, remaining: this.#options.max, resetInSeconds: Math.max(1, Math.ceil(this.#options.windowMs / 1000)) };
    return {
      allowed: window.count < this.#options.max,
      remaining: Math.max(0, this.#options.max - window.count),
      resetInSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)),
    };
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}
