import { z } from 'zod';
import { pageQuery } from '../pagination/page';
import { identifier, metadata } from '../validation/common-schemas';

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
  status: z.enum(['trialing', 'active', 'canceled']).optional(),
});

export const listMySubscriptionsQuery = listSubscriptionsQuery.omit({ customerId: true });

export type CreateSubscriptionBody = z.infer<typeof createSubscriptionBody>;
export type UpdateSubscriptionBody = z.infer<typeof updateSubscriptionBody>;
export type CancelSubscriptionBody = z.infer<typeof cancelSubscriptionBody>;
export type ListSubscriptionsQuery = z.infer<typeof listSubscriptionsQuery>;
export type CreateMySubscriptionBody = z.infer<typeof createMySubscriptionBody>;
export type UpdateMySubscriptionBody = z.infer<typeof updateMySubscriptionBody>;
export type ListMySubscriptionsQuery = z.infer<typeof listMySubscriptionsQuery>;
