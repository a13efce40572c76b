import { z } from 'zod';
import { EVENT_TYPES } from '../events/event-type';
import { pageQuery } from '../pagination/page';
import { identifier } from '../validation/common-schemas';

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
