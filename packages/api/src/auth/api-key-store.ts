import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../storage/database';
import type { Mode } from './credential';
import { hashKey } from './key-hash';

export interface StoredApiKey {
  merchantId: string;
  kind: 'secret' | 'publishable';
  mode: Mode;
}

const CACHE_TTL_MS = 30_000;

/** Looks API keys up by hash, with a short cache so hot keys cost no query per request. */
@Injectable()
export class ApiKeyStore {
  readonly #db: Database;
  readonly #cache = new Map<string, { key: StoredApiKey | null; expires: number }>();

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  async find(plaintext: string): Promise<StoredApiKey | null> {
    const hash = hashKey(plaintext);
    const cached = this.#cache.get(hash);
    if (cached && cached.expires > Date.now()) return cached.key;
    const rows = await this.#db.query<{ merchant_id: string; kind: 'secret' | 'publishable'; mode: Mode }>(
      'SELECT merchant_id, kind, mode FROM api_keys WHERE key_hash = $1',
      [hash],
    );
    const row = rows[0];
    const key = row ? { merchantId: row.merchant_id, kind: row.kind, mode: row.mode } : null;
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(hash, { key, expires: Date.now() + CACHE_TTL_MS });
    return key;
  }
}
