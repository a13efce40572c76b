import { PostgresDatabase } from '../src/storage/postgres-database';
import { StorageUnavailableError } from '../src/storage/storage-unavailable-error';
import { postgresUrl } from './support/postgres-url';

const url = postgresUrl();
const describeWithPostgres = url ? describe : describe.skip;

describeWithPostgres('PostgreSQL statement limits', () => {
  test('a serving connection cancels a statement past its limit as a retryable outage (503), and keeps serving', async () => {
    const db = new PostgresDatabase(url!, 2, { statementMs: 300 });
    try {
      await expect(db.query('SELECT pg_sleep(2)')).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(db.transaction((tx) => tx.query('SELECT pg_sleep(2)'))).rejects.toBeInstanceOf(StorageUnavailableError);
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  test('the migration connection (statementMs 0) has no limit', async () => {
    const db = new PostgresDatabase(url!, 1, { statementMs: 0 });
    try {
      expect(await db.query("SELECT current_setting('statement_timeout') AS timeout")).toEqual([{ timeout: '0' }]);
    } finally {
      await db.close();
    }
  });
});
