import { inject, injectable } from '../internal/di';
import { HttpClient } from '../http/http-client';
import { idSegment } from './id-segment';
import { ListPromise, toPage } from './list-promise';
import type { RequestOptions } from '../http/request-options';
import type { Page } from './list-promise';
import type {
  Subscription,
  SubscriptionCancelParams,
  SubscriptionCreateParams,
  SubscriptionListParams,
  SubscriptionUpdateParams,
} from './subscription';

/** `/v1/subscriptions`. */
@injectable()
export class Subscriptions {
  readonly #http: HttpClient;

  constructor(@inject(HttpClient) http: HttpClient) {
    this.#http = http;
  }

  /** @example await billing.subscriptions.create({ customerId: customer.id, priceId: price.id }); */
  create(params: SubscriptionCreateParams, options?: RequestOptions): Promise<Subscription> {
    return this.#http.request({ method: 'POST', path: '/v1/subscriptions', body: params }, options);
  }

  /** @example await billing.subscriptions.retrieve('sub_123'); */
  async retrieve(id: string, options?: RequestOptions): Promise<Subscription> {
    return this.#http.request({ method: 'GET', path: subscriptionPath(id, 'retrieve') }, options);
  }

  /** @example await billing.subscriptions.update('sub_123', { metadata: { seats: '5' } }); */
  async update(id: string, params: SubscriptionUpdateParams, options?: RequestOptions): Promise<Subscription> {
    return this.#http.request({ method: 'PATCH', path: subscriptionPath(id, 'update'), body: params }, options);
  }

  /**
   * Moves the subscription to another price (upgrade or downgrade).
   * @example await billing.subscriptions.changePlan('sub_123', 'price_pro_yearly');
   */
  async changePlan(id: string, priceId: string, options?: RequestOptions): Promise<Subscription> {
    return this.#http.request({ method: 'PATCH', path: subscriptionPath(id, 'changePlan'), body: { priceId } }, options);
  }

  /** @example await billing.subscriptions.cancel('sub_123', { atPeriodEnd: true }); */
  async cancel(id: string, params: SubscriptionCancelParams = {}, options?: RequestOptions): Promise<Subscription> {
    return this.#http.request({ method: 'POST', path: `${subscriptionPath(id, 'cancel')}/cancel`, body: params }, options);
  }

  /** @example for await (const sub of billing.subscriptions.list({ customerId })) console.log(sub.status); */
  list(params: SubscriptionListParams = {}, options?: RequestOptions): ListPromise<Subscription> {
    const { startingAfter, ...query } = params;
    return new ListPromise(async (cursor) => {
      const body = await this.#http.request<Page<Subscription>>(
        { method: 'GET', path: '/v1/subscriptions', query: { ...query, startingAfter: cursor } },
        options,
      );
      return toPage(body);
    }, startingAfter);
  }
}

function subscriptionPath(id: string, method: string): string {
  return `/v1/subscriptions/${idSegment(id, { method: `subscriptions.${method}`, param: 'id', expected: "a subscription id such as 'sub_123'" })}`;
}
