import { z } from 'zod';
import { pageQuery, pageSchema } from '../pagination/page';
import { identifier, livemode, timestamp } from '../validation/common-schemas';
import { EVENT_TYPES } from './event-type';

export const eventTypeSchema = z.enum(EVENT_TYPES).meta({ id: 'EventType', description: 'What happened.' });

/** An event as delivered and as `GET /v1/events/:id` answers: `{ id, type, createdAt, livemode, data, previousAttributes? }`. */
export const billingEventSchema = z
  .object({
    id: z.string().meta({ description: 'Also the `webhook-id` of its deliveries: receivers de-duplicate on it.' }),
    type: eventTypeSchema,
    createdAt: timestamp,
    livemode,
    data: z.record(z.string(), z.unknown()).meta({ description: 'The object the event is about, as the API answered it then.' }),
    previousAttributes: z.record(z.string(), z.unknown()).optional().meta({ description: 'On `*.updated`: the fields that changed, with their values before.' }),
  })
  .meta({ id: 'Event', description: 'Something that happened to a merchant\'s data, as webhooks deliver it.' });

export const eventListSchema = pageSchema(billingEventSchema, 'EventList');

/** A delivery of one event to one endpoint, as `POST /v1/events/:id/redeliver` answers it. */
export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    object: z.literal('webhook_delivery'),
    eventId: z.string(),
    endpointId: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int().meta({ description: 'Attempts made so far (the next one is number `attempts + 1`).' }),
    nextAttemptAt: timestamp.nullable().meta({ description: 'When the next attempt is due, while `pending`.' }),
  })
  .meta({ id: 'WebhookDelivery', description: 'A delivery of one event to one endpoint (its attempts show up in the endpoint\'s deliveries).' });

export const listEventsQuery = z.strictObject({
  ...pageQuery,
  type: z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` }).optional(),
});

export const redeliverEventBody = z.strictObject({ endpointId: identifier });

export type ListEventsQuery = z.infer<typeof listEventsQuery>;
export type RedeliverEventBody = z.infer<typeof redeliverEventBody>;
