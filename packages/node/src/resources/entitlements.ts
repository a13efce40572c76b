import { inject, injectable } from '../internal/di';
import { HttpClient } from '../http/http-client';
import { idSegment } from './id-segment';
import { ListPromise, toPage } from './list-promise';
import type { RequestOptions } from '../http/request-options';
import type { Entitlement, EntitlementCheck, EntitlementCheckParams } from './entitlement';
import type { ListParams, Page } from './list-promise';

/** `GET /v1/customers/:id/entitlements` and `POST /v1/entitlements/check`. */
@injectable()
export class Entitlements {
  readonly #http: HttpClient;

  constructor(@inject(HttpClient) http: HttpClient) {
    this.#http = http;
  }

  /** @example for await (const { featureKey } of billing.entitlements.list('cus_123')) granted.add(featureKey); */
  list(customerId: string, params: ListParams = {}, options?: RequestOptions): ListPromise<Entitlement> {
    return this.#list('list', customerId, params, options);
  }

  /** Whether a subscription grants `featureKey` now (a metered one whatever its balance: `check` weighs that). @example if (await billing.entitlements.has('cus_123', 'exports')) … */
  async has(customerId: string, featureKey: string, options?: RequestOptions): Promise<boolean> {
    for await (const entitlement of this.#list('has', customerId, {}, options)) {
      if (entitlement.featureKey === featureKey) return true;
    }
    return false;
  }

  /**
   * Whether the customer may use `featureKey` now (and, for a metered feature, has
   * `requiredBalance` left). With `track: true` an allowed check also records that usage,
   * atomically; it is sent with an `Idempotency-Key`, so a retry never counts twice.
   *
   * @example
   * const { allowed, balance } = await billing.entitlements.check({ externalUserId: user.id, featureKey: 'ai_credits', requiredBalance: 5, track: true });
   * if (!allowed) return res.status(402).json({ error: 'Out of AI credits', balance });
   */
  check(params: EntitlementCheckParams, options?: RequestOptions): Promise<EntitlementCheck> {
    return this.#http.request({ method: 'POST', path: '/v1/entitlements/check', body: params }, options);
  }

  #list(method: string, customerId: string, params: ListParams, options: RequestOptions | undefined): ListPromise<Entitlement> {
    const { startingAfter, ...query } = params;
    return new ListPromise(async (cursor) => {
      const segment = idSegment(customerId, { method: `entitlements.${method}`, param: 'customerId', expected: "a customer id such as 'cus_123'" });
      const path = `/v1/customers/${segment}/entitlements`;
      const body = await this.#http.request<Page<Entitlement>>(
        { method: 'GET', path, query: { ...query, startingAfter: cursor } },
        options,
      );
      return toPage(body);
    }, startingAfter);
  }
}
