import { hostname } from 'node:os';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LOCK_FILE = 'billingos.lock';
/** The holder touches its lock this often; a lock untouched for `STALE_AFTER_MS` is abandoned. */
const HEARTBEAT_MS = 5_000;
const STALE_AFTER_MS = 30_000;

/** Folders this process holds: a second open from the same process is refused too. */
const heldHere = new Set<string>();

/** A PGlite data folder is opened by one process at a time. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

interface Holder {
  pid: number;
  host: string;
  raw: string;
  touchedAt: number;
}

/**
 * Takes the data folder's lock file (`billingos.lock`, holding `pid@host`) before anything
 * opens the folder, and keeps it fresh with a heartbeat. A lock is abandoned, and taken over,
 * when its holder is gone: its pid does not run on this host, it is this process's own pid (a
 * container restarted with the same pid), or nobody touched it for 30 s (a holder on another
 * host, or a reused pid). Returns the release function (also run when the process exits).
 *
 * @example
 * const release = lockDataDir('.billingos/data'); // throws DataDirInUseError naming the holder's pid
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(resolve(dataDir), LOCK_FILE);
  if (heldHere.has(path)) throw inUse(dataDir, { pid: process.pid, host: hostname() });
  const mine = `${process.pid}@${hostname()}`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreate(path, mine)) return hold(path, mine);
    const holder = readHolder(path);
    if (holder && isAlive(holder)) throw inUse(dataDir, holder);
    removeIfStill(path, holder?.raw ?? '');
  }
  throw new DataDirInUseError(`Could not take the lock ${path}: another process keeps re-creating it.`);
}

function hold(path: string, content: string): () => void {
  heldHere.add(path);
  const heartbeat = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(path, now, now);
    } catch {
      // Removed by hand: nothing to keep fresh.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref?.();
  const release = () => {
    clearInterval(heartbeat);
    process.off('exit', release);
    heldHere.delete(path);
    removeIfStill(path, content);
  };
  process.once('exit', release);
  return release;
}

function inUse(dataDir: string, holder: { pid: number; host: string }): DataDirInUseError {
  return new DataDirInUseError(
    `The data folder ${dataDir} is in use by another BillingOS API (pid ${holder.pid} on ${holder.host}). Stop that process, or give this one its own folder (BILLINGOS_DATA_DIR) or a PostgreSQL (DATABASE_URL).`,
  );
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

function readHolder(path: string): Holder | undefined {
  try {
    const raw = readFileSync(path, 'utf8');
    const [pid, host] = raw.split('@');
    return { pid: Number(pid), host: host ?? '', raw, touchedAt: statSync(path).mtimeMs };
  } catch {
    return undefined;
  }
}

function isAlive(holder: Holder): boolean {
  if (Date.now() - holder.touchedAt > STALE_AFTER_MS) return false;
  if (holder.host !== hostname()) return true;
  if (!Number.isInteger(holder.pid) || holder.pid <= 0 || holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the lock file only when it still holds `content` (never another process's fresh lock). */
function removeIfStill(path: string, content: string): void {
  try {
    if (readFileSync(path, 'utf8') === content) unlinkSync(path);
  } catch {
    // Already gone.
  }
}
