import { inject, injectable } from '../internal/di';
import { ResolvedConfig } from '../config/resolved-config';
import { VERSION } from '../version';
import { sleep } from './abort';
import { requestUrl } from './api-request';
import { RETRY_ATTEMPT_HEADER } from './headers';
import { RetryPolicy } from './retry-policy';
import { sendAttempt } from './send-attempt';
import { Transport } from './transport';
import type { ApiRequest } from './api-request';
import type { RequestOptions } from './request-options';

/**
 * Turns an {@link ApiRequest} into authenticated attempts through the {@link Transport},
 * retried as the {@link RetryPolicy} decides, with one `Idempotency-Key` per POST call.
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
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.#config.secretKey}`,
      Accept: 'application/json',
      'User-Agent': `billingos-node/${VERSION}`,
      ...options.headers,
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const idempotencyKey = options.idempotencyKey ?? (request.method === 'POST' ? crypto.randomUUID() : undefined);
    if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
    return headers;
  }
}
