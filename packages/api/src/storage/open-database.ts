import { mkdir } from 'node:fs/promises';
import { lockDataDir } from './data-dir-lock';
import { PGliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';
import type { Database } from './database';

/** Where the data lives: a `postgres://` URL, a PGlite data folder, or memory. */
export interface StorageOptions {
  /** `postgres://…` or `postgresql://…` selects PostgreSQL. */
  databaseUrl?: string;
  /** PGlite data folder; omitted (and no `databaseUrl`) keeps data in memory. */
  dataDir?: string;
}

/**
 * Opens the storage the options describe (no migrations: see `migrate`).
 *
 * @example
 * const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
 * await migrate(db);
 */
export async function openDatabase(options: StorageOptions): Promise<Database> {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return new PostgresDatabase(url);
  if (url) throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got "${url.split(':')[0]}:…"`);
  if (!options.dataDir) return PGliteDatabase.open();
  await mkdir(options.dataDir, { recursive: true });
  const release = lockDataDir(options.dataDir);
  try {
    const db = await PGliteDatabase.open(options.dataDir);
    db.onClose(release);
    return db;
  } catch (error) {
    release();
    throw error;
  }
}
