import type { Database } from './database';
import { openMigratedMemoryDatabase } from './memory-template';
import { migrated } from './migrate';
import { openDatabase } from './open-database';
import type { StorageOptions } from './open-database';

/** Opens the storage the options describe and brings its schema up to date. */
export async function openMigratedDatabase(options: StorageOptions): Promise<Database> {
  if (!options.databaseUrl && !options.dataDir) return openMigratedMemoryDatabase();
  return migrated(await openDatabase(options));
}
