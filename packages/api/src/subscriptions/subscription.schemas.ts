import { z } from 'zod';
import { pageQuery, pageSchema } from '../pagination/page';
import { priceSchema } from '../products/product.schemas';
import { identifier, livemode, metadata, metadataSchema, timestamp } from '../validation/common-schemas';

/**
 * `incomplete`: created with a secret key for a paid price whose first invoice is not paid yet (no
 * features until it is; after 23 hours unpaid it is `incomplete_expired`, for good).
 * `past_due`: a renewal's invoice could not be charged (its features stay granted while it is collected).
 */
export const SUBSCRIPTION_STATUSES = ['incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled'] as const;

/** The statuses a subscription never leaves: it is over. */
export const ENDED_STATUSES: ReadonlySet<string> = new Set(['canceled', 'incomplete_expired']);

/** `ENDED_STATUSES` as an SQL list, for `status NOT IN …`. */
export const ENDED_STATUSES_SQL = `(${[...ENDED_STATUSES].map((status) => `'${status}'`).join(', ')})`;

export const subscriptionStatusSchema = z.enum(SUBSCRIPTION_STATUSES).meta({ id: 'SubscriptionStatus' });

export const scheduledChangeSchema = z
  .object({
    priceId: z.string().meta({ description: 'The price the subscription moves to.' }),
    effectiveAt: timestamp.meta({ description: "When: the current period's end, ISO-8601." }),
  })
  .meta({ id: 'ScheduledChange', description: 'A plan change waiting for the end of the current period.' });

export const subscriptionSchema = z
  .object({
    id: z.string(),
    object: z.literal('subscription'),
    customerId: z.string(),
    productId: z.string(),
    price: priceSchema,
    status: subscriptionStatusSchema,
    currentPeriodStart: timestamp,
    currentPeriodEnd: timestamp,
    trialEnd: timestamp.nullable(),
    cancelAtPeriodEnd: z.boolean(),
    canceledAt: timestamp.nullable(),
    scheduledChange: scheduledChangeSchema.nullable().meta({ description: "A plan change set with `effective: 'period_end'`, else `null`." }),
    testClockId: z.string().nullable().meta({ description: "The customer's test clock, when it runs on one." }),
    metadata: metadataSchema,
    livemode,
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Subscription', description: "A customer's subscription to one price of a product." });

export const subscriptionListSchema = pageSchema(subscriptionSchema, 'SubscriptionList');

export const createSubscriptionBody = z.strictObject({
  customerId: identifier,
  priceId: identifier,
  trialDays: z.number().int().min(0).max(730).optional(),
  metadata: metadata.optional(),
});

/** `POST /v1/me/subscriptions`: the customer is the token's own. */
export const createMySubscriptionBody = createSubscriptionBody.omit({ customerId: true, trialDays: true, metadata: true });

const subscriptionChange = {
  priceId: identifier.optional(),
  /** `now` (default) switches at once; `period_end` schedules the switch for the end of the current period. */
  effective: z.enum(['now', 'period_end']).optional(),
  /** `null` drops a scheduled plan change. */
  scheduledChange: z.null().optional(),
  cancelAtPeriodEnd: z.boolean().optional(),
};

const effectiveNeedsPrice = (body: { priceId?: string | undefined; effective?: string | undefined }) => body.effective === undefined || body.priceId !== undefined;
const effectiveNeedsPriceError = { message: '"effective" says when a plan change happens: send it together with "priceId".', path: ['effective'] };

export const updateSubscriptionBody = z.strictObject({ ...subscriptionChange, metadata: metadata.optional() }).refine(effectiveNeedsPrice, effectiveNeedsPriceError);

export const updateMySubscriptionBody = z.strictObject(subscriptionChange).refine(effectiveNeedsPrice, effectiveNeedsPriceError);

export const cancelSubscriptionBody = z.strictObject({
  /** false cancels now; true keeps it until the current period ends. */
  atPeriodEnd: z.boolean().default(false),
});

export const listSubscriptionsQuery = z.strictObject({
  ...pageQuery,
  customerId: identifier.optional(),
  status: z.enum(SUBSCRIPTION_STATUSES).optional(),
});

export const listMySubscriptionsQuery = listSubscriptionsQuery.omit({ customerId: true });

export type CreateSubscriptionBody = z.infer<typeof createSubscriptionBody>;
export type UpdateSubscriptionBody = z.infer<typeof updateSubscriptionBody>;
export type CancelSubscriptionBody = z.infer<typeof cancelSubscriptionBody>;
export type ListSubscriptionsQuery = z.infer<typeof listSubscriptionsQuery>;
export type CreateMySubscriptionBody = z.infer<typeof createMySubscriptionBody>;
export type UpdateMySubscriptionBody = z.infer<typeof updateMySubscriptionBody>;
export type ListMySubscriptionsQuery = z.infer<typeof listMySubscriptionsQuery>;
