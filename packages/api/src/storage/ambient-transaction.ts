import { AsyncLocalStorage } from 'node:async_hooks';
import type { Queryable } from './database';

interface Ambient {
  tx: Queryable;
  open: boolean;
}

const current = new AsyncLocalStorage<Ambient>();

/**
 * The transaction `Database.runInTransaction` opened for this async context, while it is open.
 * Statements made under it join it, so an idempotent request's change and its stored response
 * commit together without the repositories knowing.
 */
export function ambientTransaction(): Queryable | undefined {
  const ambient = current.getStore();
  return ambient?.open ? ambient.tx : undefined;
}

/** Runs `work` with `tx` as the ambient transaction; it stops being ambient when `work` settles. */
export async function withAmbientTransaction<T>(tx: Queryable, work: () => Promise<T>): Promise<T> {
  const ambient: Ambient = { tx, open: true };
  try {
    return await current.run(ambient, work);
  } finally {
    ambient.open = false;
  }
}
