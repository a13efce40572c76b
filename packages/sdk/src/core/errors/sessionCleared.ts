import { AuthenticationError } from './AuthenticationError';

/**
 * What a call started before `clear()` (a sign-out) rejects with: its result belonged to the
 * signed-out user, so it was dropped rather than handed to the next one.
 */
export function sessionClearedError(): AuthenticationError {
  return new AuthenticationError({
    code: 'session_cleared',
    message: 'Dropped: clear() (a sign-out) ended the session this call began in.',
  });
}

/** Throws {@link sessionClearedError} once `signal` (the session's, `TokenManager.signal`) is aborted. */
export function assertSession(signal: AbortSignal): void {
  if (signal.aborted) throw sessionClearedError();
}
