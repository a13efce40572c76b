/** One attempt to deliver an event to an endpoint, as `GET /v1/webhook-endpoints/:id/deliveries` lists it. */
export interface WebhookDeliveryAttempt {
  id: string;
  object: 'webhook_delivery_attempt';
  eventId: string;
  /** 1 for the first attempt of this event at this endpoint, counting redeliveries on. */
  attempt: number;
  /** The endpoint's HTTP status; null when no answer came (timeout, refused address, connection error). */
  responseStatus: number | null;
  durationMs: number;
  /** Why it failed; null for a 2xx. */
  error: string | null;
  createdAt: string;
}

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
