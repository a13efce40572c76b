/** Per-call options, the last argument of every resource method. */
export interface RequestOptions {
  /** Aborts the call (including retries and backoff waits); the signal's reason is thrown. */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms for this call, overriding the client's. */
  timeout?: number;
  /** Retry budget for this call, overriding the policy's default. */
  maxRetries?: number;
  /** Your own `Idempotency-Key` (POST); by default one is generated per call and reused across its retries. */
  idempotencyKey?: string;
  /** Extra headers sent with this call. */
  headers?: Record<string, string>;
}
