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

export const updateSubscriptionBody = z.strictObject({
  priceId: identifier.optional(),
  cancelAtPeriodEnd: z.boolean().optional(),
  metadata: metadata.optional(),
});

export const updateMySubscriptionBody = updateSubscriptionBody.omit({ metadata: true });

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
