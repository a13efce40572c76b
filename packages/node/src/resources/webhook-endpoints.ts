import { inject, injectable } from '../internal/di';
import { HttpClient } from '../http/http-client';
import { idSegment } from './id-segment';
import { ListPromise, toPage } from './list-promise';
import type { RequestOptions } from '../http/request-options';
import type { Page } from './list-promise';
import type {
  DeletedWebhookEndpoint,
  WebhookDeliveryAttempt,
  WebhookDeliveryAttemptListParams,
  WebhookEndpoint,
  WebhookEndpointCreateParams,
  WebhookEndpointListParams,
  WebhookEndpointRotateSecretParams,
  WebhookEndpointUpdateParams,
  WebhookEndpointWithSecret,
} from './webhook-endpoint';

/** `/v1/webhook-endpoints`: where BillingOS sends your events, in the key's mode. */
@injectable()
export class WebhookEndpoints {
  readonly #http: HttpClient;

  constructor(@inject(HttpClient) http: HttpClient) {
    this.#http = http;
  }

  /**
   * Registers an endpoint; the answer carries its `whsec_…` secret, shown this once.
   * @example const { id, secret } = await billing.webhookEndpoints.create({ url: 'https://example.com/webhooks', enabledEvents: ['*'] });
   */
  create(params: WebhookEndpointCreateParams, options?: RequestOptions): Promise<WebhookEndpointWithSecret> {
    return this.#http.request({ method: 'POST', path: '/v1/webhook-endpoints', body: params }, options);
  }

  /** @example await billing.webhookEndpoints.retrieve('we_123'); */
  async retrieve(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.#http.request({ method: 'GET', path: endpointPath(id, 'retrieve') }, options);
  }

  /** @example await billing.webhookEndpoints.update('we_123', { enabledEvents: ['subscription.renewed'] }); */
  async update(id: string, params: WebhookEndpointUpdateParams, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.#http.request({ method: 'PATCH', path: endpointPath(id, 'update'), body: params }, options);
  }

  /** Deletes the endpoint with its pending deliveries. @example await billing.webhookEndpoints.del('we_123'); */
  async del(id: string, options?: RequestOptions): Promise<DeletedWebhookEndpoint> {
    return this.#http.request({ method: 'DELETE', path: endpointPath(id, 'del') }, options);
  }

  /** @example for await (const endpoint of billing.webhookEndpoints.list()) console.log(endpoint.url); */
  list(params: WebhookEndpointListParams = {}, options?: RequestOptions): ListPromise<WebhookEndpoint> {
    return this.#list(() => '/v1/webhook-endpoints', params, options);
  }

  /**
   * A new secret, answered once; the previous one keeps signing every delivery next to it for
   * `expiresIn` seconds (default a day), so you can deploy the new one without dropping an event.
   * @example const { secret } = await billing.webhookEndpoints.rotateSecret('we_123', { expiresIn: 3600 });
   */
  async rotateSecret(id: string, params: WebhookEndpointRotateSecretParams = {}, options?: RequestOptions): Promise<WebhookEndpointWithSecret> {
    return this.#http.request({ method: 'POST', path: `${endpointPath(id, 'rotateSecret')}/rotate-secret`, body: params }, options);
  }

  /**
   * The endpoint's delivery attempts, newest first: status, duration and error of each.
   * @example for await (const attempt of billing.webhookEndpoints.deliveries('we_123', { eventId })) console.log(attempt.responseStatus);
   */
  deliveries(id: string, params: WebhookDeliveryAttemptListParams = {}, options?: RequestOptions): ListPromise<WebhookDeliveryAttempt> {
    return this.#list(() => `${endpointPath(id, 'deliveries')}/deliveries`, params, options);
  }

  /** A cursor-paginated GET; `path` is built on the first fetch, so a bad id rejects the list rather than throwing. */
  #list<T>(path: () => string, params: WebhookDeliveryAttemptListParams, options: RequestOptions | undefined): ListPromise<T> {
    const { startingAfter, ...query } = params;
    return new ListPromise(async (cursor) => {
      const body = await this.#http.request<Page<T>>({ method: 'GET', path: path(), query: { ...query, startingAfter: cursor } }, options);
      return toPage(body);
    }, startingAfter);
  }
}

function endpointPath(id: string, method: string): string {
  return `/v1/webhook-endpoints/${idSegment(id, { method: `webhookEndpoints.${method}`, param: 'id', expected: "a webhook endpoint id such as 'we_123'" })}`;
}

