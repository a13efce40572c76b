/** Per-call options, the last argument of every resource method. */
export interface RequestOptions {
  /** Aborts the call (including retries and backoff waits); the signal's reason is thrown. */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms for this call, overriding the client's. */
  timeout?: number;
  /** Retry budget for this call, overriding the policy's default. */
  maxRetries?: number;
  /**
   * Your own `Idempotency-Key`, sent as is. By default every POST, PATCH and DELETE gets a
   * random UUID, the same on each of its retries; pass your own to retry a failed call
   * yourself (later, or from another process) without running it twice.
   */
  idempotencyKey?: string;
  /** Extra headers sent with this call. */
  headers?: Record<string, string>;
}
