import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import type { PoolClient, QueryConfig } from 'pg';
import { createHash } from 'node:crypto';
import { ambientTransaction } from './ambient-transaction';
import { Database } from './database';
import type { Queryable, Row } from './database';
import { asStorageError, isConnectionLoss } from './storage-unavailable-error';

/** Pool settings that bound every wait, so an outage answers 503 quickly instead of hanging. */
export interface PostgresTimeouts {
  /** Waiting for a connection (new or from the pool). @default 5_000 */
  connectMs?: number;
  /** A statement, enforced by the server (`statement_timeout`) and the client; `0` for none (migrations). @default 15_000 */
  statementMs?: number;
}

/** A real PostgreSQL through a node-postgres pool that survives restarts and failovers. */
export class PostgresDatabase extends Database {
  readonly kind = 'postgres' as const;
  readonly #pool: Pool;
  readonly #logger = new Logger('BillingOS storage');
  #lastWarning = 0;

  constructor(connectionString: string, poolSize = 10, timeouts: PostgresTimeouts = {}) {
    super();
    const statementMs = timeouts.statementMs ?? 15_000;
    this.#pool = new Pool({
      connectionString,
      max: poolSize,
      connectionTimeoutMillis: timeouts.connectMs ?? 5_000,
      ...(statementMs > 0 ? { statement_timeout: statementMs, query_timeout: statementMs + 1_000 } : {}),
      idleTimeoutMillis: 30_000,
    });
    // An idle client whose server went away emits here; without a listener it would end the process.
    this.#pool.on('error', (error) => this.#warn(`An idle PostgreSQL connection failed (${error.message}); it was dropped and will be replaced.`));
  }

  async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const ambient = ambientTransaction();
    if (ambient) return ambient.query<T>(sql, params);
    try {
      return (await this.#pool.query<T>(statement(sql, params))).rows;
    } catch (error) {
      throw asStorageError(error);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.#pool.query(sql);
    } catch (error) {
      throw asStorageError(error);
    }
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const ambient = ambientTransaction();
    if (ambient) return work(ambient);
    const client = await this.#pool.connect().catch((error: unknown) => Promise.reject(asStorageError(error)));
    // A checked-out client has no pool listener: a connection lost between statements would otherwise throw.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      await run(client, 'BEGIN');
      const result = await work({ query: async <R extends Row>(sql: string, params: readonly unknown[] = []) => (await run<R>(client, sql, params)).rows });
      await run(client, 'COMMIT');
      return result;
    } catch (error) {
      if (isConnectionLoss(error)) broken ??= error as Error;
      else await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw asStorageError(error);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.#pool.ended) return;
    await this.#pool.end();
  }

  #warn(message: string): void {
    if (Date.now() - this.#lastWarning < 5_000) return;
    this.#lastWarning = Date.now();
    this.#logger.warn(message);
  }
}

function run<R extends Row = Row>(client: PoolClient, sql: string, params: readonly unknown[] = []) {
  return client.query<R>(statement(sql, params));
}

const statementNames = new Map<string, string>();
/** Every statement the API makes is a fixed text; the cap only guards against one that is not. */
const MAX_PREPARED = 1_000;

/**
 * A parameterised statement is prepared once per connection under a name derived from its text,
 * so PostgreSQL plans it once instead of on every call (planning the entitlement check's joins
 * costs more than running them). Statements without parameters (BEGIN, COMMIT) stay unnamed.
 */
function statement(sql: string, params: readonly unknown[]): QueryConfig {
  if (params.length === 0) return { text: sql };
  let name = statementNames.get(sql);
  if (!name) {
    if (statementNames.size >= MAX_PREPARED) return { text: sql, values: [...params] };
    name = `b${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: [...params] };
}
