import { Pool } from 'pg';
import { Database } from './database';
import type { Queryable, Row } from './database';

/** A real PostgreSQL through a node-postgres pool. */
export class PostgresDatabase extends Database {
  readonly kind = 'postgres' as const;
  #pool: Pool;

  constructor(connectionString: string, poolSize = 10) {
    super();
    this.#pool = new Pool({ connectionString, max: poolSize });
  }

  async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.#pool.query<T>(sql, [...params]);
    return result.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.#pool.query(sql);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <R extends Row>(sql: string, params: readonly unknown[] = []) => (await client.query<R>(sql, [...params])).rows,
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.#pool.ended) return;
    await this.#pool.end();
  }
}
