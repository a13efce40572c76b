import type { BillingOSEventType } from '../webhooks/webhook-event';
import type { ListParams } from './list-promise';

/** Which events an endpoint receives: `['*']` for every type, or the types you handle. */
export type EnabledEvents = ['*'] | BillingOSEventType[];

/** A URL BillingOS POSTs events to, per merchant and mode. Never carries its secret after creation. */
export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  description: string | null;
  enabledEvents: EnabledEvents;
  disabled: boolean;
  /** Why BillingOS disabled it (about three days of failed deliveries); `null` otherwise. */
  disabledReason: string | null;
  /** Until then (ISO-8601) deliveries also carry a signature of the previous secret (after a rotation). */
  previousSecretExpiresAt: string | null;
  livemode: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What `create` and `rotateSecret` answer: the endpoint and its `whsec_…`, shown this once. */
export interface WebhookEndpointWithSecret extends WebhookEndpoint {
  secret: string;
}

export interface DeletedWebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  deleted: true;
}

export interface WebhookEndpointCreateParams {
  /** `https://…`; test mode also takes `http://` (localhost included). Live mode refuses private addresses. */
  url: string;
  enabledEvents: EnabledEvents;
  description?: string;
}

export interface WebhookEndpointUpdateParams {
  url?: string;
  enabledEvents?: EnabledEvents;
  description?: string | null;
  /** `false` also clears `disabledReason` and sends the endpoint's pending deliveries now. */
  disabled?: boolean;
}

export type WebhookEndpointListParams = ListParams;

export interface WebhookEndpointRotateSecretParams {
  /**
   * Seconds the previous secret keeps signing next to the new one (0: stop at once), at most 7 days.
   * @default 86400
   */
  expiresIn?: number;
}

/** One attempt to deliver an event to an endpoint. */
export interface WebhookDeliveryAttempt {
  id: string;
  object: 'webhook_delivery_attempt';
  eventId: string;
  /** 1 for the first attempt of this event at this endpoint, counting on across redeliveries. */
  attempt: number;
  /** The endpoint's HTTP status; `null` when no answer came (timeout, refused address, connection error). */
  responseStatus: number | null;
  durationMs: number;
  /** Why it failed; `null` for a 2xx. */
  error: string | null;
  createdAt: string;
}

export interface WebhookDeliveryAttemptListParams extends ListParams {
  /** Only the attempts of this event. */
  eventId?: string;
}
