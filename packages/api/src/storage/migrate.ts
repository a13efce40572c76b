import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from './database';

/** `packages/api/migrations`, the same from `src/storage` (tests) and `dist/storage` (build). */
export const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

/**
 * Applies every `NNN_name.sql` in order that `schema_migrations` does not list yet, each in
 * its own transaction; an advisory lock keeps two starting nodes from migrating at once on PostgreSQL.
 * Returns the files it applied.
 *
 * @example
 * const applied = await migrate(await openDatabase({ databaseUrl: 'postgres://localhost/billingos' }));
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const applied: string[] = [];
  for (const file of files) {
    const sql = await readFile(join(dir, file), 'utf8');
    const didApply = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(424242)');
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [file]);
      if (done.length > 0) return false;
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      return true;
    });
    if (didApply) applied.push(file);
  }
  return applied;
}

function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
}

/** Migrates a freshly opened database, closing it when that fails so no handle leaks. */
export async function migrated<T extends Database>(db: T): Promise<T> {
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
