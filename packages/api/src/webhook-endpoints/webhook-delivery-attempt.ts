import type { z } from 'zod';
import type { webhookDeliveryAttemptSchema } from './webhook-endpoint.schemas';

/** One attempt to deliver an event to an endpoint (see `webhookDeliveryAttemptSchema`). */
export type WebhookDeliveryAttempt = z.infer<typeof webhookDeliveryAttemptSchema>;

export interface WebhookDeliveryAttemptRow {
  [column: string]: unknown;
  id: string;
  event_id: string;
  attempt: number;
  response_status: number | null;
  duration_ms: number;
  error: string | null;
  created_at: Date;
}

export function toDeliveryAttempt(row: WebhookDeliveryAttemptRow): WebhookDeliveryAttempt {
  return {
    id: row.id,
    object: 'webhook_delivery_attempt',
    eventId: row.event_id,
    attempt: row.attempt,
    responseStatus: row.response_status,
    durationMs: row.duration_ms,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
