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
export interface WebhookDelivery {
  id: string;
  object: 'webhook_delivery';
  eventId: string;
  endpointId: string;
  status: 'pending' | 'delivered' | 'failed';
  /** Attempts made so far. */
  attempts: number;
  /** When the next attempt is due (ISO-8601), while `pending`. */
  nextAttemptAt: string | null;
}
