import type { z } from 'zod';
import type { billingEventSchema } from './event.schemas';

/** An event as delivered and as `GET /v1/events/:id` answers (see `billingEventSchema`). */
export type BillingEvent = z.infer<typeof billingEventSchema>;

export interface EventRow {
  [column: string]: unknown;
  id: string;
  type: string;
  mode: string;
  data: unknown;
  created_at: Date;
  previous_attributes: object | null;
}

/** The columns `toEvent` reads, for queries that join other tables. */
export const EVENT_COLUMNS = 'id, type, mode, data, created_at, previous_attributes';

/** The stored event; its `data` is what `EventOutbox.record` was given for its `type`. */
export function toEvent(row: EventRow): BillingEvent {
  return {
    id: row.id,
    type: row.type,
    createdAt: new Date(row.created_at).toISOString(),
    livemode: row.mode === 'live',
    data: row.data,
    ...(row.previous_attributes ? { previousAttributes: row.previous_attributes } : {}),
  } as BillingEvent;
}
