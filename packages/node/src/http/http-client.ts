import { inject, injectable } from '../internal/di';
import { ResolvedConfig } from '../config/resolved-config';
import { VERSION } from '../version';
import { sleep } from './abort';
import { requestUrl } from './api-request';
import { IDEMPOTENCY_KEY_HEADER, RETRY_ATTEMPT_HEADER } from './headers';
import { RetryPolicy } from './retry-policy';
import { sendAttempt } from './send-attempt';
import { Transport } from './transport';
import type { ApiRequest } from './api-request';
import type { RequestOptions } from './request-options';

/**
 * Turns an {@link ApiRequest} into authenticated attempts through the {@link Transport},
 * retried as the {@link RetryPolicy} decides, with one `Idempotency-Key` per write (POST, PATCH,
 * DELETE) call, the same on every attempt.
 */
@injectable()
export class HttpClient {
  readonly #config: ResolvedConfig;
  readonly #transport: Transport;
  readonly #retryPolicy: RetryPolicy;

  constructor(
    @inject(ResolvedConfig) config: ResolvedConfig,
    @inject(Transport) transport: Transport,
    @inject(RetryPolicy) retryPolicy: RetryPolicy,
  ) {
    this.#config = config;
    this.#transport = transport;
    this.#retryPolicy = retryPolicy;
  }

  async request<T>(request: ApiRequest, options: RequestOptions = {}): Promise<T> {
    const url = requestUrl(this.#config.apiUrl, request);
    const headers = this.#headers(request, options);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    for (let retriesSoFar = 0; ; retriesSoFar += 1) {
      options.signal?.throwIfAborted();
      const outcome = await sendAttempt({
        transport: this.#transport,
        url,
        init: { method: request.method, headers: { ...headers, [RETRY_ATTEMPT_HEADER]: String(retriesSoFar) }, body },
        timeout: options.timeout ?? this.#config.timeout,
        callerSignal: options.signal,
      });
      if (outcome.ok) return outcome.body as T;
      const delay = this.#retryPolicy.nextDelay({
        retriesSoFar,
        error: outcome.error,
        retryAfterMs: outcome.retryAfterMs,
        shouldRetryHint: outcome.shouldRetryHint,
        maxRetries: options.maxRetries,
      });
      if (delay === null) throw outcome.error;
      await sleep(delay, options.signal);
    }
  }

  #headers(request: ApiRequest, options: RequestOptions): Record<string, string> {
    const { idempotencyKey: headerKey, rest } = splitIdempotencyKey(options.headers);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.#config.secretKey}`,
      Accept: 'application/json',
      'User-Agent': `billingos-node/${VERSION}`,
      ...rest,
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const idempotencyKey = options.idempotencyKey ?? headerKey ?? (WRITE_METHODS.has(request.method) ? crypto.randomUUID() : undefined);
    if (idempotencyKey !== undefined) headers[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
    return headers;
  }
}

/** Writes a retry could repeat: each call gets one key, sent unchanged on every attempt. */
const WRITE_METHODS: ReadonlySet<ApiRequest['method']> = new Set(['POST', 'PATCH', 'DELETE']);

/** A key passed as a header in any spelling counts as the caller's own, never sent twice. */
function splitIdempotencyKey(headers: Record<string, string> = {}): { idempotencyKey?: string; rest: Record<string, string> } {
  const rest: Record<string, string> = {};
  let idempotencyKey: string | undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === IDEMPOTENCY_KEY_HEADER.toLowerCase()) idempotencyKey = value;
    else rest[name] = value;
  }
  return idempotencyKey === undefined ? { rest } : { idempotencyKey, rest };
}
