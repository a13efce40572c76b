import { z } from 'zod';
import { EVENT_TYPES } from '../events/event-type';
import { eventTypeSchema } from '../events/event.schemas';
import { pageQuery, pageSchema } from '../pagination/page';
import { deletedSchema, identifier, livemode, timestamp } from '../validation/common-schemas';

/** `GET /v1/webhook-endpoints/:id`: never the secret (only create and rotate-secret show it, once). */
export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    object: z.literal('webhook_endpoint'),
    url: z.string(),
    description: z.string().nullable(),
    enabledEvents: z
      .union([z.tuple([z.literal('*')]), z.array(eventTypeSchema)])
      .meta({ id: 'EnabledEvents', description: "Which events the endpoint receives: `['*']` for every type, or a list of types." }),
    disabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: 'Why the API disabled it (about three days of failed deliveries); `null` otherwise.' }),
    previousSecretExpiresAt: timestamp.nullable().meta({ description: 'Until then deliveries also carry a signature of the previous secret (after a rotation).' }),
    livemode,
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'WebhookEndpoint', description: 'A URL BillingOS POSTs events to, per merchant and mode. Never carries its secret after creation.' });

export const webhookEndpointWithSecretSchema = webhookEndpointSchema
  .extend({ secret: z.string().meta({ description: 'The `whsec_…` signing secret, shown this once.' }) })
  .meta({ id: 'WebhookEndpointWithSecret', description: 'What create and rotate-secret answer: the endpoint and its `whsec_…`, shown this once.' });

export const webhookEndpointListSchema = pageSchema(webhookEndpointSchema, 'WebhookEndpointList');

export const deletedWebhookEndpointSchema = deletedSchema('webhook_endpoint', 'DeletedWebhookEndpoint');

/** One attempt to deliver an event to an endpoint, as `GET /v1/webhook-endpoints/:id/deliveries` lists it. */
export const webhookDeliveryAttemptSchema = z
  .object({
    id: z.string(),
    object: z.literal('webhook_delivery_attempt'),
    eventId: z.string(),
    attempt: z.number().int().meta({ description: '1 for the first attempt of this event at this endpoint, counting on across redeliveries.' }),
    responseStatus: z.number().int().nullable().meta({ description: "The endpoint's HTTP status; `null` when no answer came (timeout, refused address, connection error)." }),
    durationMs: z.number().int(),
    error: z.string().nullable().meta({ description: 'Why it failed; `null` for a 2xx.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'WebhookDeliveryAttempt', description: 'One attempt to deliver an event to an endpoint.' });

export const webhookDeliveryAttemptListSchema = pageSchema(webhookDeliveryAttemptSchema, 'WebhookDeliveryAttemptList');

const url = z.string().min(1).max(2048);

/** `['*']` (every type) or a list of known event types, without repeats. */
const enabledEvents = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(EVENT_TYPES.length)
  .superRefine((types, context) => {
    if (types.includes('*') && types.length > 1) context.addIssue({ code: 'custom', message: '"*" stands alone: send ["*"] for every type, or list the types' });
    const unknown = types.find((type) => type !== '*' && !(EVENT_TYPES as readonly string[]).includes(type));
    if (unknown) context.addIssue({ code: 'custom', message: `unknown event type "${unknown}"; known types: ${EVENT_TYPES.join(', ')}` });
    if (new Set(types).size !== types.length) context.addIssue({ code: 'custom', message: 'a type is listed twice' });
  });

export const createWebhookEndpointBody = z.strictObject({
  url,
  enabledEvents,
  description: z.string().max(500).optional(),
});

export const updateWebhookEndpointBody = z.strictObject({
  url: url.optional(),
  enabledEvents: enabledEvents.optional(),
  description: z.string().max(500).nullable().optional(),
  disabled: z.boolean().optional(),
});

/** Seconds the old secret keeps signing after a rotation (0: stop at once), at most 7 days. */
export const rotateSecretBody = z.strictObject({
  expiresIn: z.number().int().min(0).max(7 * 24 * 3600).optional(),
});

export const listWebhookEndpointsQuery = z.strictObject(pageQuery);

export const listDeliveryAttemptsQuery = z.strictObject({ ...pageQuery, eventId: identifier.optional() });

export type CreateWebhookEndpointBody = z.infer<typeof createWebhookEndpointBody>;
export type UpdateWebhookEndpointBody = z.infer<typeof updateWebhookEndpointBody>;
export type RotateSecretBody = z.infer<typeof rotateSecretBody>;
export type ListWebhookEndpointsQuery = z.infer<typeof listWebhookEndpointsQuery>;
export type ListDeliveryAttemptsQuery = z.infer<typeof listDeliveryAttemptsQuery>;
