/** An event as delivered and as `GET /v1/events/:id` answers: `{ id, type, createdAt, livemode, data, previousAttributes? }`. */
export interface BillingEvent {
  id: string;
  type: string;
  createdAt: string;
  livemode: boolean;
  data: unknown;
  previousAttributes?: object;
}

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
    type: row.type,
    createdAt: new Date(row.created_at).toISOString(),
    livemode: row.mode === 'live',
    data: row.data,
    ...(row.previous_attributes ? { previousAttributes: row.previous_attributes } : {}),
  };
}
