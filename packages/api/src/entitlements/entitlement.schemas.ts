import { z } from 'zod';
import { pageSchema } from '../pagination/page';
import { timestamp } from '../validation/common-schemas';

const grant = {
  object: z.literal('entitlement'),
  featureKey: z.string(),
  productId: z.string().meta({ description: 'The product of the grant usage is spent from.' }),
  subscriptionId: z.string().meta({ description: 'The subscription of the grant usage is spent from.' }),
};

export const booleanEntitlementSchema = z
  .object({ ...grant, type: z.literal('boolean'), limit: z.null(), usage: z.null(), balance: z.null(), resetsAt: z.null() })
  .meta({ id: 'BooleanEntitlement', description: 'An on/off feature: granted or not; nothing is counted.' });

export const meteredEntitlementSchema = z
  .object({
    ...grant,
    type: z.literal('metered'),
    limit: z.number().int().nullable().meta({ description: '`null`: unlimited.' }),
    usage: z.number().int(),
    balance: z.number().int().nullable().meta({ description: '`limit − usage` (below 0 after unconditional usage); `null` when the limit is.' }),
    resetsAt: timestamp.nullable().meta({ description: "When usage starts again at 0 (the period's end); `null` for a feature that never resets." }),
  })
  .meta({ id: 'MeteredEntitlement', description: 'A counted feature: `balance = limit − usage`.' });

/**
 * A feature the customer may use, combined over every subscription that grants it; `limit`,
 * `usage`, `balance` and `resetsAt` are `null` for a boolean feature, `limit` and `balance` for
 * an unlimited one.
 */
export const entitlementSchema = z
  .discriminatedUnion('type', [booleanEntitlementSchema, meteredEntitlementSchema])
  .meta({ id: 'Entitlement', description: "A feature the customer's active or trialing subscriptions grant; narrow on `type`." });

export const entitlementListSchema = pageSchema(entitlementSchema, 'EntitlementList');

/** The answer to "may this customer use `featureKey`?", with the balance behind it (after any tracked usage). */
export const entitlementCheckSchema = z
  .object({
    allowed: z.boolean().meta({ description: 'Whether the customer has the feature and (metered) at least `requiredBalance` left.' }),
    featureKey: z.string(),
    limit: z.number().int().nullable(),
    usage: z.number().int().nullable(),
    balance: z.number().int().nullable(),
    resetsAt: timestamp.nullable(),
  })
  .meta({ id: 'EntitlementCheck', description: 'What an entitlement check answers; `limit`, `usage`, `balance` and `resetsAt` are after any tracked usage.' });

/** A metered feature's count after `POST /v1/usage`. */
export const usageRecordSchema = z
  .object({
    object: z.literal('usage'),
    featureKey: z.string(),
    usage: z.number().int(),
    limit: z.number().int().nullable().meta({ description: '`null`: unlimited.' }),
    balance: z.number().int().nullable().meta({ description: '`limit − usage`; `null` when the limit is.' }),
  })
  .meta({ id: 'UsageRecord', description: "A metered feature's count after recording usage." });
