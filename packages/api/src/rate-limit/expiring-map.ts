interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * A map whose entries expire and whose size never passes `capacity`: a full map drops the entry
 * written longest ago. Entries written with one lifetime are kept in expiry order, so the
 * dropped entry is the one closest to expiring anyway, and expired ones leave first.
 *
 * @example
 * const seen = new ExpiringMap<string, true>(10_000);
 * seen.set('key', true, Date.now() + 60_000);
 * seen.get('key'); // true, for a minute
 */
export class ExpiringMap<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  readonly #capacity: number;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`ExpiringMap capacity must be a positive integer, got ${capacity}.`);
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The live entry for `key` (its value and when it expires), or undefined. */
  entry(key: K, now = Date.now()): Readonly<Entry<V>> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > now) return entry;
    this.#entries.delete(key);
    return undefined;
  }

  get(key: K, now = Date.now()): V | undefined {
    return this.entry(key, now)?.value;
  }

  /** Writes `key` as the newest entry, making room first. */
  set(key: K, value: V, expiresAt: number, now = Date.now()): Entry<V> {
    this.#entries.delete(key);
    this.#dropExpired(now);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size < this.#capacity) break;
      this.#entries.delete(oldest);
    }
    const entry = { value, expiresAt };
    this.#entries.set(key, entry);
    return entry;
  }

  /** Expired entries sit at the front (oldest writes first): stop at the first live one. */
  #dropExpired(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) return;
      this.#entries.delete(key);
    }
  }
}
