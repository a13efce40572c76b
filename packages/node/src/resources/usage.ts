import { inject, injectable } from '../internal/di';
import { HttpClient } from '../http/http-client';
import type { RequestOptions } from '../http/request-options';
import type { UsageRecord, UsageRecordParams } from './usage-record';

/** `POST /v1/usage`: count what a customer used of a metered feature. */
@injectable()
export class Usage {
  readonly #http: HttpClient;

  constructor(@inject(HttpClient) http: HttpClient) {
    this.#http = http;
  }

  /**
   * Records usage unconditionally (to refuse past the limit, use `entitlements.check` with
   * `track: true`). Sent with an `Idempotency-Key`, so a retry never counts twice; pass your own
   * (`{ idempotencyKey: job.id }`) to retry it yourself later.
   *
   * @example
   * await billing.usage.record({ externalUserId: user.id, featureKey: 'api_calls', value: 3 });
   */
  record(params: UsageRecordParams, options?: RequestOptions): Promise<UsageRecord> {
    return this.#http.request({ method: 'POST', path: '/v1/usage', body: params }, options);
  }
}
