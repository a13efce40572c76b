import { Worker } from 'node:worker_threads';
import { ambientTransaction } from './ambient-transaction';
import { Database } from './database';
import type { Queryable, Row } from './database';
import { PGLITE_WORKER_SOURCE } from './pglite-worker-source';
import { StorageUnavailableError } from './storage-unavailable-error';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A driver error with the SQLSTATE `code` PostgreSQL gave it. */
export class StorageError extends Error {
  override name = 'StorageError';
  readonly code: string | undefined;

  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Embedded Postgres (WASM) in a worker thread; `dataDir` undefined keeps everything in memory.
 * PGlite is one connection, so statements run one at a time and a transaction holds the line.
 */
export class PGliteDatabase extends Database {
  readonly kind = 'pglite' as const;
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;
  #closing = false;
  #crash: StorageError | undefined;
  readonly #crashListeners: ((error: Error) => void)[] = [];
  readonly #closeListeners: (() => void)[] = [];

  private constructor(dataDir: string | undefined, loadFrom: string | undefined) {
    super();
    const workerData = { pglitePath: require.resolve('@electric-sql/pglite'), dataDir, loadFrom };
    this.#worker = new Worker(PGLITE_WORKER_SOURCE, { eval: true, workerData });
    this.#worker.on('message', (message: { id: number; result?: unknown; error?: { message: string; code?: string } }) => this.#settle(message));
    this.#worker.on('error', (error) => this.#crashed(new StorageError(`The PGlite worker failed: ${error.message}`)));
    this.#worker.on('exit', (code) => this.#crashed(new StorageError(`The PGlite worker stopped (exit code ${code}).`)));
  }

  /** Opens `dataDir` (memory when undefined), starting from the image file `loadFrom` when given. */
  static async open(dataDir?: string, loadFrom?: string): Promise<PGliteDatabase> {
    const db = new PGliteDatabase(dataDir, loadFrom);
    await new Promise((resolve, reject) => db.#pending.set(0, { resolve, reject }));
    return db;
  }

  query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const ambient = ambientTransaction();
    if (ambient) return ambient.query<T>(sql, params);
    return this.#exclusive(() => this.#send('query', sql, params) as Promise<T[]>);
  }

  async exec(sql: string): Promise<void> {
    await this.#exclusive(() => this.#send('exec', sql));
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const ambient = ambientTransaction();
    if (ambient) return work(ambient);
    return this.#exclusive(async () => {
      await this.#send('exec', 'BEGIN');
      try {
        const result = await work({ query: <R extends Row>(sql: string, params: readonly unknown[] = []) => this.#send('query', sql, params) as Promise<R[]> });
        await this.#send('exec', 'COMMIT');
        return result;
      } catch (error) {
        await this.#send('exec', 'ROLLBACK');
        throw error;
      }
    });
  }

  /** Writes the whole data directory as a tar image to `path` (atomically, by rename). */
  async dumpTo(path: string): Promise<void> {
    await this.#exclusive(() => this.#send('dump', path));
  }

  /** Called once if the worker dies while the database is open: nothing it held can be trusted after that. */
  onCrash(listener: (error: Error) => void): void {
    this.#crashListeners.push(listener);
  }

  /** Called after `close()` has closed the database. */
  onClose(listener: () => void): void {
    this.#closeListeners.push(listener);
  }

  /** Ends the worker the way a crash would (for fault tests). */
  async terminateWorker(): Promise<void> {
    await this.#worker.terminate();
  }

  async close(): Promise<void> {
    try {
      if (this.#closed) return;
      this.#closing = true;
      await this.#exclusive(() => this.#send('close'));
      this.#closed = true;
      await this.#worker.terminate();
    } finally {
      if (this.#closed) for (const listener of this.#closeListeners.splice(0)) listener();
    }
  }

  #exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(run);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  #send(op: 'query' | 'exec' | 'close' | 'dump', sql?: string, params: readonly unknown[] = []): Promise<unknown> {
    if (this.#crash) return Promise.reject(new StorageUnavailableError(this.#crash));
    if (this.#closed) return Promise.reject(new StorageError('The PGlite database is closed.'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, op, sql, params: params.map(toTransferable) });
    });
  }

  #settle(message: { id: number; result?: unknown; error?: { message: string; code?: string } }): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (message.error) pending.reject(new StorageError(message.error.message, message.error.code));
    else pending.resolve(message.result);
  }

  #crashed(error: StorageError): void {
    const wasOpen = !this.#closed && !this.#closing;
    this.#closed = true;
    if (wasOpen) this.#crash = error;
    this.#failAll(error);
    if (wasOpen) for (const listener of this.#crashListeners.splice(0)) listener(error);
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

function toTransferable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
