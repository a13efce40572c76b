import type { z } from 'zod';
import type { MeteredFeature } from '../products/product-feature';
import type { entitlementSchema } from './entitlement.schemas';
import type { FeatureGrant } from './feature-grant';

/** A feature the customer may use (see `entitlementSchema`). */
export type Entitlement = z.infer<typeof entitlementSchema>;

export type MeteredGrant = FeatureGrant & { feature: MeteredFeature };

export function isMetered(grant: FeatureGrant): grant is MeteredGrant {
  return grant.feature.type === 'metered';
}

/** What is left of one grant; unlimited is `Infinity`. */
export function grantBalance(grant: MeteredGrant): number {
  return grant.feature.limit === null ? Infinity : grant.feature.limit - grant.usage;
}

/** The order tracking tries grants in: unlimited first, then the most balance left. Stable. */
export function spendingOrder(grants: MeteredGrant[]): MeteredGrant[] {
  return [...grants].sort((a, b) => {
    const left = grantBalance(b);
    const right = grantBalance(a);
    return left === right ? 0 : left > right ? 1 : -1;
  });
}

/**
 * One entitlement per key. A key metered by any grant is metered (its boolean grants add
 * nothing); an unlimited grant makes it unlimited; otherwise limits and usage add up.
 * `grants` must be non-empty and of one key.
 */
export function combineGrants(grants: FeatureGrant[]): Entitlement {
  const metered = spendingOrder(grants.filter(isMetered));
  const primary = metered[0] ?? grants[0]!;
  const base = { object: 'entitlement' as const, featureKey: primary.feature.key, productId: primary.productId, subscriptionId: primary.subscriptionId };
  if (metered.length === 0) return { ...base, type: 'boolean', limit: null, usage: null, balance: null, resetsAt: null };
  const unlimited = metered.some((grant) => grant.feature.limit === null);
  const limit = unlimited ? null : metered.reduce((sum, grant) => sum + grant.feature.limit!, 0);
  const usage = metered.reduce((sum, grant) => sum + grant.usage, 0);
  const resets = metered.flatMap((grant) => (grant.resetsAt ? [grant.resetsAt.getTime()] : []));
  return {
    ...base,
    type: 'metered',
    limit,
    usage,
    balance: limit === null ? null : limit - usage,
    resetsAt: resets.length > 0 ? new Date(Math.min(...resets)).toISOString() : null,
  };
}
