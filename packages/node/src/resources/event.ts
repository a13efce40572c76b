import type * as contract from '@billingos/contract';
import type { BillingOSEventType } from '../webhooks/webhook-event';
import type { ListParams } from './list-promise';

export interface EventListParams extends ListParams {
  /** Only events of this type. */
  type?: BillingOSEventType;
}

export interface EventRedeliverParams {
  /** The endpoint to send the event to (whether or not it was meant for it). */
  endpointId: string;
}

/** A delivery of one event to one endpoint, as `events.redeliver` answers it (the attempt itself shows up in `webhookEndpoints.deliveries`). */
export type WebhookDelivery = contract.WebhookDelivery;
