import { z } from 'zod';
import { MAX_FEATURE_LIMIT } from '../products/product.schemas';
import { identifier } from '../validation/common-schemas';

const amount = (min: number) => z.number().int().min(min).max(MAX_FEATURE_LIMIT);

/** Exactly one of `customerId` and `externalUserId` names the customer. */
const customerReference = {
  customerId: identifier.optional(),
  externalUserId: identifier.optional(),
};

function exactlyOneCustomer(body: { customerId?: string | undefined; externalUserId?: string | undefined }, ctx: z.RefinementCtx): void {
  if (body.customerId !== undefined && body.externalUserId !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['externalUserId'], message: 'give customerId or externalUserId, not both' });
  } else if (body.customerId === undefined && body.externalUserId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'give the customer as customerId (cus_…) or as externalUserId (your user id)' });
  }
}

export const checkEntitlementBody = z
  .strictObject({ ...customerReference, featureKey: identifier, requiredBalance: amount(0).default(1), track: z.boolean().default(false) })
  .superRefine(exactlyOneCustomer);

export const recordUsageBody = z.strictObject({ ...customerReference, featureKey: identifier, value: amount(1).default(1) }).superRefine(exactlyOneCustomer);

export const checkMyEntitlementBody = z.strictObject({
  featureKey: identifier,
  requiredBalance: amount(0).default(1),
  track: z
    .literal(false, { error: 'a session token only checks: record usage from your server with your secret key (POST /v1/entitlements/check with track: true, or POST /v1/usage)' })
    .optional(),
});

export type CheckEntitlementBody = z.infer<typeof checkEntitlementBody>;
export type RecordUsageBody = z.infer<typeof recordUsageBody>;
export type CheckMyEntitlementBody = z.infer<typeof checkMyEntitlementBody>;
