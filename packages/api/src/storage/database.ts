import { withAmbientTransaction } from './ambient-transaction';

/** A row as returned by the driver: column name → value. */
export type Row = Record<string, unknown>;

/**
 * The one storage seam: PGlite and node-postgres both implement it with the same SQL.
 * Statements made while `runInTransaction` is running join its transaction.
 */
export abstract class Database {
  /** Runs one parameterised statement (`$1`, `$2`, …) and returns its rows. */
  abstract query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs several statements separated by `;` without parameters (migrations). */
  abstract exec(sql: string): Promise<void>;
  /** Runs `work` inside one transaction; it commits when `work` resolves and rolls back when it throws. */
  abstract transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  abstract close(): Promise<void>;
  /** `pglite` or `postgres`, reported by `GET /health`. */
  abstract readonly kind: 'pglite' | 'postgres';

  /**
   * Runs `work` in one transaction that every statement it makes through this database joins
   * (repositories included), so what `work` changes commits or rolls back as one.
   *
   * @example
   * await db.runInTransaction(async () => {
   *   const customer = await customers.create(scope, input); // joins
   *   await db.query('UPDATE idempotency_keys SET …');        // joins
   * });
   */
  runInTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.transaction((tx) => withAmbientTransaction(tx, work));
  }
}

/** What a transaction body may do. */
export type Queryable = Pick<Database, 'query'>;

