import { hostname } from 'node:os';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'billingos.lock';

/** A PGlite data folder is opened by one process at a time. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

/**
 * Takes the data folder's lock file (`billingos.lock`, holding this process's pid) before
 * anything opens the folder; a lock whose pid no longer runs on this host is stale and taken
 * over. Returns the release function.
 *
 * @example
 * const release = lockDataDir('.billingos/data'); // throws DataDirInUseError naming the holder's pid
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const mine = `${process.pid}@${hostname()}`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreate(path, mine)) return () => releaseIfMine(path, mine);
    const holder = readHolder(path);
    if (holder && isRunning(holder)) {
      throw new DataDirInUseError(
        `The data folder ${dataDir} is in use by another BillingOS API (pid ${holder.pid} on ${holder.host}). Stop that process, or give this one its own folder (BILLINGOS_DATA_DIR) or a PostgreSQL (DATABASE_URL).`,
      );
    }
    releaseIfMine(path, holder?.raw ?? '');
  }
  throw new DataDirInUseError(`Could not take the lock ${path}: another process keeps re-creating it.`);
}

function tryCreate(path: string, content: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, content);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readHolder(path: string): { pid: number; host: string; raw: string } | undefined {
  try {
    const raw = readFileSync(path, 'utf8');
    const [pid, host] = raw.split('@');
    return { pid: Number(pid), host: host ?? '', raw };
  } catch {
    return undefined;
  }
}

/** A holder on another host (a shared volume) is assumed alive: we cannot check it. */
function isRunning(holder: { pid: number; host: string }): boolean {
  if (holder.host !== hostname()) return true;
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the lock file only when it still holds `content` (never another process's fresh lock). */
function releaseIfMine(path: string, content: string): void {
  try {
    if (readFileSync(path, 'utf8') === content) unlinkSync(path);
  } catch {
    // Already gone.
  }
}
