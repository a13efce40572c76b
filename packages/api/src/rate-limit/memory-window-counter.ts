import { ExpiringMap } from './expiring-map';
import { WindowCounter } from './window-counter';
import type { WindowHit } from './window-counter';

/** Counters kept when `rateLimit.maxKeys` is not set. */
export const DEFAULT_MAX_KEYS = 100_000;

/** `rateLimit.maxKeys`, defaulted and checked. */
export function maxKeysOf(options: { maxKeys?: number | undefined }): number {
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new Error(`rateLimit.maxKeys must be a positive integer, got ${maxKeys}.`);
  return maxKeys;
}

/**
 * Counts in this process's memory, for at most `maxKeys` keys (the oldest window is dropped to
 * make room), so no flood of distinct keys grows it. PGlite's counter: one process owns a PGlite
 * database, so this count is the whole count.
 */
export class MemoryWindowCounter extends WindowCounter {
  readonly #windows: ExpiringMap<string, { count: number }>;
  readonly #windowMs: number;

  constructor(options: { windowMs: number; maxKeys?: number | undefined }) {
    super();
    this.#windowMs = options.windowMs;
    this.#windows = new ExpiringMap(maxKeysOf(options));
  }

  /** How many keys are counted now (never more than `maxKeys`). */
  get size(): number {
    return this.#windows.size;
  }

  async hit(key: string, now = Date.now()): Promise<WindowHit> {
    const window = this.#windows.entry(key, now) ?? this.#windows.set(key, { count: 0 }, now + this.#windowMs, now);
    window.value.count += 1;
    return { count: window.value.count, resetInSeconds: Math.max(1, Math.ceil((window.expiresAt - now) / 1000)) };
  }
}
