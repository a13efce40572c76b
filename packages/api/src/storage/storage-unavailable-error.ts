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

/** Socket errors and SQLSTATEs of a lost or refused connection: the connection is unusable after them. */
const CONNECTION_LOSS_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300']);
const CONNECTION_LOSS_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i;
/** SQLSTATEs of a statement that failed for now but may pass when retried: the timeout cancelled it, a deadlock, a serialization failure, a lock not available. */
const RETRYABLE_STATEMENT_CODES = new Set(['57014', '40001', '40P01', '55P03']);

/** Whether the connection itself failed (so a checked-out client must be discarded, not reused). */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return isConnectionLoss(error.cause);
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_LOSS_CODES.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && CONNECTION_LOSS_MESSAGES.test(message);
}

/** Whether a driver error means "retry later" (503) rather than a fault of the statement. */
export function isTransientStorageFailure(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  const { code } = (error ?? {}) as { code?: unknown };
  return isConnectionLoss(error) || (typeof code === 'string' && RETRYABLE_STATEMENT_CODES.has(code));
}

/** Rethrows a transient failure as `StorageUnavailableError`, anything else as it is. */
export function asStorageError(error: unknown): unknown {
  return isTransientStorageFailure(error) && !(error instanceof StorageUnavailableError) ? new StorageUnavailableError(error) : error;
}
