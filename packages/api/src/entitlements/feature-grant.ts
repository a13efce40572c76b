import type { ProductFeature } from '../products/product-feature';
import { SUBSCRIPTION_SELECT, toSubscription } from '../subscriptions/subscription';
import type { SubscriptionRow } from '../subscriptions/subscription';

/** Where a feature that never resets counts its usage: one period for the subscription's life. */
export const LIFETIME_PERIOD_START = new Date(0);

/** One subscription's grant of one feature at the customer's time, with the usage counted against it. */
export interface FeatureGrant {
  feature: ProductFeature;
  subscriptionId: string;
  productId: string;
  /** The counter's period: the subscription's current one, or `LIFETIME_PERIOD_START`. */
  periodStart: Date;
  /** When usage next starts again at 0 (`null`: never). */
  resetsAt: Date | null;
  /** Usage in this period (0 for a boolean feature). */
  usage: number;
  /** Whether this period's counter row exists yet. */
  counterExists: boolean;
}

/** A subscription's latest counter of one feature (JSON, so times are strings). */
interface LatestCounter {
  period_start: string;
  usage: number;
}

/** A live subscription row with the features of its product and scheduled product, and its latest counters. */
export interface GrantRow extends SubscriptionRow {
  features: ProductFeature[];
  scheduled_features: ProductFeature[] | null;
  counters: Record<string, LatestCounter> | null;
}

/**
 * The subscriptions of the customer whose id is the SQL expression `customerIdSql`, with their
 * products' features and each feature's latest usage counter (only `featureKeySql`'s when
 * given); `$1` and `$2` are the merchant and mode. Canceled rows are left out here, the rest is
 * decided by `grantsOf` at the customer's time.
 */
export function grantRowsSql(customerIdSql: string, featureKeySql?: string): string {
  const onlyKey = featureKeySql ? `AND feature_key = ${featureKeySql}` : '';
  return `SELECT sub.*, pr.features, spr.features AS scheduled_features,
      (SELECT jsonb_object_agg(feature_key, jsonb_build_object('period_start', period_start, 'usage', usage))
       FROM (SELECT DISTINCT ON (feature_key) feature_key, period_start, usage FROM feature_usage
             WHERE subscription_id = sub.id ${onlyKey} ORDER BY feature_key, period_start DESC) latest) AS counters
    FROM (${SUBSCRIPTION_SELECT} WHERE s.merchant_id = $1 AND s.mode = $2 AND s.customer_id = ${customerIdSql} AND s.status <> 'canceled') sub
    JOIN products pr ON pr.id = sub.product_id
    LEFT JOIN products spr ON spr.id = sub.scheduled_product_id`;
}

/**
 * What the subscription grants at `asOf`: nothing unless it is active or trialing then, and the
 * features of the product it is on then (a scheduled plan change may have taken effect). A
 * counter of an earlier period counts nothing now: that is how usage resets at renewal, even
 * before the lifecycle worker has run.
 */
export function grantsOf(row: GrantRow, asOf: Date, featureKey?: string): FeatureGrant[] {
  const subscription = toSubscription(row, asOf);
  if (subscription.status !== 'active' && subscription.status !== 'trialing') return [];
  const features = subscription.productId === row.product_id ? row.features : (row.scheduled_features ?? []);
  return features
    .filter((feature) => featureKey === undefined || feature.key === featureKey)
    .map((feature) => {
      const lifetime = feature.type === 'metered' && feature.reset === 'never';
      const periodStart = lifetime ? LIFETIME_PERIOD_START : new Date(subscription.currentPeriodStart);
      const counter = row.counters?.[feature.key];
      const current = counter !== undefined && new Date(counter.period_start).getTime() === periodStart.getTime();
      return {
        feature,
        subscriptionId: row.id,
        productId: subscription.productId,
        periodStart,
        resetsAt: feature.type === 'metered' && !lifetime ? new Date(subscription.currentPeriodEnd) : null,
        usage: current ? Number(counter.usage) : 0,
        counterExists: current,
      };
    });
}
