import type * as contract from '@billingos/contract';
import type { ListParams } from './list-promise';

/** Which events an endpoint receives: `['*']` for every type, or the types you handle. */
export type EnabledEvents = contract.EnabledEvents;

/** A URL BillingOS POSTs events to, per merchant and mode. Never carries its secret after creation. */
export type WebhookEndpoint = contract.WebhookEndpoint;

/** What `create` and `rotateSecret` answer: the endpoint and its `whsec_…`, shown this once. */
export type WebhookEndpointWithSecret = contract.WebhookEndpointWithSecret;

export type DeletedWebhookEndpoint = contract.DeletedWebhookEndpoint;

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
export type WebhookDeliveryAttempt = contract.WebhookDeliveryAttempt;

export interface WebhookDeliveryAttemptListParams extends ListParams {
  /** Only the attempts of this event. */
  eventId?: string;
}
