/**
 * Storage cannot be reached right now (PostgreSQL restarting, failing over, a connection cut):
 * the request may succeed if retried, so the API answers 503 with `Retry-After`.
 */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';

  constructor(cause: unknown) {
    super(`Storage is unreachable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/**
 * Socket errors and SQLSTATEs that mean "retry later", not "this statement is wrong": lost or
 * refused connections, a server shutting down or starting, too many connections, a statement
 * cancelled by the timeout, a deadlock or serialization failure, a lock not available.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57014',
  '40001',
  '40P01',
  '55P03',
]);
const CONNECTION_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i;

/** Whether a driver error is an outage (retry later) rather than a fault of the statement. */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && CONNECTION_MESSAGES.test(message);
}

/** Rethrows an outage as `StorageUnavailableError`, anything else as it is. */
export function asStorageError(error: unknown): unknown {
  return isConnectionFailure(error) && !(error instanceof StorageUnavailableError) ? new StorageUnavailableError(error) : error;
}
