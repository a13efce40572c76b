import type { z } from 'zod';
import type { webhookDeliverySchema } from './event.schemas';

/** A delivery of one event to one endpoint (see `webhookDeliverySchema`). */
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export interface WebhookDeliveryRow {
  [column: string]: unknown;
  id: string;
  event_id: string;
  endpoint_id: string;
  attempts: number;
  next_attempt_at: Date;
  delivered_at: Date | null;
  given_up_at: Date | null;
}

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  const status = row.delivered_at ? 'delivered' : row.given_up_at ? 'failed' : 'pending';
  return {
    id: row.id,
    object: 'webhook_delivery',
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    status,
    attempts: row.attempts,
    nextAttemptAt: status === 'pending' ? new Date(row.next_attempt_at).toISOString() : null,
  };
}
