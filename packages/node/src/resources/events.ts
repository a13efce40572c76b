import { inject, injectable } from '../internal/di';
import { HttpClient } from '../http/http-client';
import { idSegment } from './id-segment';
import { ListPromise, toPage } from './list-promise';
import type { RequestOptions } from '../http/request-options';
import type { BillingOSEvent, BillingOSEventOfType, BillingOSEventType } from '../webhooks/webhook-event';
import type { EventListParams, EventRedeliverParams, WebhookDelivery } from './event';
import type { Page } from './list-promise';

/** `/v1/events`: what happened in the key's mode, newest first, as webhooks deliver it; and redelivery. */
@injectable()
export class Events {
  readonly #http: HttpClient;

  constructor(@inject(HttpClient) http: HttpClient) {
    this.#http = http;
  }

  /** @example const event = await billing.events.retrieve('evt_123'); */
  async retrieve(id: string, options?: RequestOptions): Promise<BillingOSEvent> {
    return this.#http.request({ method: 'GET', path: eventPath(id, 'retrieve') }, options);
  }

  /**
   * Newest first; with `type`, the events are typed by it.
   * @example for await (const event of billing.events.list({ type: 'subscription.renewed' })) console.log(event.data.currentPeriodEnd);
   */
  list<TType extends BillingOSEventType>(params: EventListParams & { type: TType }, options?: RequestOptions): ListPromise<BillingOSEventOfType<TType>>;
  list(params?: EventListParams, options?: RequestOptions): ListPromise<BillingOSEvent>;
  list(params: EventListParams = {}, options?: RequestOptions): ListPromise<BillingOSEvent> {
    const { startingAfter, ...query } = params;
    return new ListPromise(async (cursor) => {
      const body = await this.#http.request<Page<BillingOSEvent>>({ method: 'GET', path: '/v1/events', query: { ...query, startingAfter: cursor } }, options);
      return toPage(body);
    }, startingAfter);
  }

  /**
   * Sends the event to the endpoint again now, with a fresh run of retries. Receivers see the
   * same event id: a `createWebhookRoute` with a store skips one it already handled.
   * @example await billing.events.redeliver('evt_123', { endpointId: 'we_123' });
   */
  async redeliver(id: string, params: EventRedeliverParams, options?: RequestOptions): Promise<WebhookDelivery> {
    const path = `${eventPath(id, 'redeliver')}/redeliver`;
    idSegment(params?.endpointId, { method: 'events.redeliver', param: 'endpointId', expected: "a webhook endpoint id such as 'we_123'" });
    return this.#http.request({ method: 'POST', path, body: { endpointId: params.endpointId } }, options);
  }
}

function eventPath(id: string, method: string): string {
  return `/v1/events/${idSegment(id, { method: `events.${method}`, param: 'id', expected: "a BillingOS event id such as 'evt_123'" })}`;
}
