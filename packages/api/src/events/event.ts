import type { z } from 'zod';
import type { EventType } from './event-type';
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

export function toEvent(row: EventRow): BillingEvent {
  return {
    id: row.id,
    type: row.type as EventType,
    createdAt: new Date(row.created_at).toISOString(),
    livemode: row.mode === 'live',
    data: row.data as Record<string, unknown>,
    ...(row.previous_attributes ? { previousAttributes: row.previous_attributes as Record<string, unknown> } : {}),
  };
}
