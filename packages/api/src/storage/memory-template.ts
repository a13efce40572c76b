import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MIGRATIONS_DIR, migrated } from './migrate';
import { PGliteDatabase } from './pglite-database';
import { isPrivate, privateTempDir } from './private-temp-dir';

/**
 * A fresh, migrated in-memory PGlite. The first one for a user is built from scratch and saved
 * as an image named after the migrations in that user's private temp folder; later ones start
 * from that image, which roughly halves a test server's start-up. An image anyone else could
 * have written is never loaded.
 */
export async function openMigratedMemoryDatabase(): Promise<PGliteDatabase> {
  const dir = privateTempDir();
  const image = dir && join(dir, `pglite-${await migrationsDigest()}.tar`);
  if (image && isPrivate(image)) {
    const db = await PGliteDatabase.open(undefined, image).catch(() => undefined);
    if (db) return migrated(db);
  }
  const db = await migrated(await PGliteDatabase.open());
  if (image) await db.dumpTo(image).catch(() => undefined);
  return db;
}

async function migrationsDigest(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(MIGRATIONS_DIR)).sort()) hash.update(file).update(await readFile(join(MIGRATIONS_DIR, file)));
  hash.update(await readFile(join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json')));
  return hash.digest('hex').slice(0, 16);
}
