import type { Database } from './database';
import { openMigratedMemoryDatabase } from './memory-template';
import { migrate, migrated } from './migrate';
import { openDatabase } from './open-database';
import type { StorageOptions } from './open-database';
import { PostgresDatabase } from './postgres-database';

/** Opens the storage the options describe and brings its schema up to date. */
export async function openMigratedDatabase(options: StorageOptions): Promise<Database> {
  if (!options.databaseUrl && !options.dataDir) return openMigratedMemoryDatabase();
  const db = await openDatabase(options);
  if (db.kind !== 'postgres') return migrated(db);
  try {
    await migrateWithoutTimeouts(options.databaseUrl!);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * Serving connections cancel statements after 15 s; a migration on a large table, or a node
 * waiting for another node's migration (advisory lock), may take longer, so migrations get a
 * connection of their own without that limit.
 */
async function migrateWithoutTimeouts(url: string): Promise<void> {
  const migrator = new PostgresDatabase(url, 1, { statementMs: 0 });
  try {
    await migrate(migrator);
  } finally {
    await migrator.close();
  }
}
