import { z } from 'zod';
import { pageQuery, pageSchema } from '../pagination/page';
import { identifier, livemode, timestamp } from '../validation/common-schemas';
import { customerSchema, deletedCustomerSchema } from '../customers/customer.schemas';
import { subscriptionSchema } from '../subscriptions/subscription.schemas';
import { paymentMethodSchema } from '../payments/payment-method.schemas';
import { invoiceSchema } from '../invoices/invoice.schemas';
import { checkoutSessionSchema } from '../checkout/checkout-session.schemas';
import { EVENT_TYPES } from './event-type';
import type { EventType } from './event-type';

export const eventTypeSchema = z.enum(EVENT_TYPES).meta({ id: 'EventType', description: 'What happened.' });

/** `entitlement.limit_reached`: a metered feature's balance reached 0 or below (once per period). */
export const entitlementLimitReachedSchema = z
  .object({
    object: z.literal('entitlement'),
    customerId: z.string(),
    featureKey: z.string(),
    limit: z.number().int(),
    usage: z.number().int(),
    balance: z.number().int(),
    resetsAt: timestamp.nullable().meta({ description: 'When usage starts again at 0; `null` for a feature that never resets.' }),
    subscriptionId: z.string(),
  })
  .meta({ id: 'EntitlementLimitReached', description: "A metered feature's balance reached 0 or below (once per period)." });

/** One envelope per kind of `data`: `{ id, type, createdAt, livemode, data, previousAttributes? }`. */
function eventOf<const T extends readonly [EventType, ...EventType[]], D extends z.ZodObject>(types: T, data: D, id: string, description: string) {
  return z
    .object({
      id: z.string().meta({ description: 'Also the `webhook-id` of its deliveries: receivers de-duplicate on it.' }),
      type: z.enum(types),
      createdAt: timestamp.meta({ description: "When it happened; on a test clock's customer, the clock's time." }),
      livemode,
      data,
      previousAttributes: data.partial().optional().meta({ description: 'On an update: the fields that changed, with their values before.' }),
    })
    .meta({ id, description });
}

/** An event as delivered and as `GET /v1/events/:id` answers; narrow on `type` for the shape of `data`. */
export const billingEventSchema = z
  .discriminatedUnion('type', [
    eventOf(['customer.created', 'customer.updated'], customerSchema, 'CustomerEvent', 'A customer was created or updated.'),
    eventOf(['customer.deleted'], deletedCustomerSchema, 'CustomerDeletedEvent', 'A customer was deleted.'),
    eventOf(
      ['subscription.created', 'subscription.updated', 'subscription.renewed', 'subscription.canceled', 'subscription.trial_will_end'],
      subscriptionSchema,
      'SubscriptionEvent',
      '`renewed`: a new period began; `trial_will_end`: the trial ends in 3 days; `updated` also when a trial ends or a scheduled change applies.',
    ),
    eventOf(['entitlement.limit_reached'], entitlementLimitReachedSchema, 'EntitlementEvent', "A metered feature's balance reached 0 or below."),
    eventOf(['payment_method.attached', 'payment_method.detached'], paymentMethodSchema, 'PaymentMethodEvent', 'A payment method was saved for a customer, or removed.'),
    eventOf(
      ['invoice.created', 'invoice.finalized', 'invoice.paid', 'invoice.payment_failed', 'invoice.payment_action_required', 'invoice.voided'],
      invoiceSchema,
      'InvoiceEvent',
      'An invoice was made, finalised (numbered, due), or paid; or charging it failed (`lastPaymentError` says why), or the bank asks the customer to confirm the payment.',
    ),
    eventOf(['checkout.session.completed', 'checkout.session.expired'], checkoutSessionSchema, 'CheckoutSessionEvent', 'A checkout was paid (or its card saved), or expired unpaid.'),
  ])
  .meta({ id: 'Event', description: "Something that happened to a merchant's data, as webhooks deliver it: `{ id, type, createdAt, livemode, data, previousAttributes? }`." });

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
