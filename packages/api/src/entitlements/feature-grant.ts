import type { ProductFeature } from '../products/product-feature';
import { SUBSCRIPTION_SELECT, toSubscription } from '../subscriptions/subscription';
import type { SubscriptionRow } from '../subscriptions/subscription';
import type { CounterKey } from '../usage/feature-counter';

/** One subscription's grant of one feature at the customer's time, with the usage counted against it. */
export interface FeatureGrant {
  feature: ProductFeature;
  subscriptionId: string;
  productId: string;
  /** Where its usage counts: the subscription's current period, or the customer's lifetime counter. */
  counter: CounterKey;
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
  /** The customer's usage of each feature that never resets. */
  lifetime_counters: Record<string, number | string> | null;
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
             WHERE subscription_id = sub.id ${onlyKey} ORDER BY feature_key, period_start DESC) latest) AS counters,
      (SELECT jsonb_object_agg(feature_key, usage) FROM customer_feature_usage WHERE customer_id = sub.customer_id ${onlyKey}) AS lifetime_counters
    FROM (${SUBSCRIPTION_SELECT} WHERE s.merchant_id = $1 AND s.mode = $2 AND s.customer_id = ${customerIdSql} AND s.status <> 'canceled') sub
    JOIN products pr ON pr.id = sub.product_id
    LEFT JOIN products spr ON spr.id = sub.scheduled_product_id`;
}

/**
 * What the subscription grants at `asOf`: nothing unless it is trialing, active or past due then, and the
 * features of the product it is on then (a scheduled plan change may have taken effect). A
 * counter of an earlier period counts nothing now: that is how usage resets at renewal, even
 * before the lifecycle worker has run.
 */
/** DESIGN's table: a past-due subscription keeps its features while its invoice is collected. */
const GRANTING_STATUSES = new Set(['trialing', 'active', 'past_due']);

export function grantsOf(row: GrantRow, asOf: Date, featureKey?: string): FeatureGrant[] {
  const subscription = toSubscription(row, asOf);
  if (!GRANTING_STATUSES.has(subscription.status)) return [];
  const features = subscription.productId === row.product_id ? row.features : (row.scheduled_features ?? []);
  return features
    .filter((feature) => featureKey === undefined || feature.key === featureKey)
    .map((feature) => (feature.type === 'metered' && feature.reset === 'never' ? lifetimeGrant(row, feature, subscription) : periodGrant(row, feature, subscription)));
}

function periodGrant(row: GrantRow, feature: ProductFeature, subscription: ReturnType<typeof toSubscription>): FeatureGrant {
  const periodStart = new Date(subscription.currentPeriodStart);
  const counter = row.counters?.[feature.key];
  const current = counter !== undefined && new Date(counter.period_start).getTime() === periodStart.getTime();
  return {
    feature,
    subscriptionId: row.id,
    productId: subscription.productId,
    counter: { subscriptionId: row.id, featureKey: feature.key, periodStart },
    resetsAt: feature.type === 'metered' ? new Date(subscription.currentPeriodEnd) : null,
    usage: current ? Number(counter.usage) : 0,
    counterExists: current,
  };
}

function lifetimeGrant(row: GrantRow, feature: ProductFeature, subscription: ReturnType<typeof toSubscription>): FeatureGrant {
  const usage = row.lifetime_counters?.[feature.key];
  return {
    feature,
    subscriptionId: row.id,
    productId: subscription.productId,
    counter: { customerId: row.customer_id, featureKey: feature.key },
    resetsAt: null,
    usage: usage === undefined ? 0 : Number(usage),
    counterExists: usage !== undefined,
  };
}

/**
 * Grants of one never-resetting feature by several subscriptions share the customer's one
 * counter: they become one grant (limits added up, the usage counted once), so the usage is
 * neither counted twice nor spent against the wrong limit.
 */
export function mergeLifetimeGrants(grants: FeatureGrant[]): FeatureGrant[] {
  const merged = new Map<string, FeatureGrant>();
  const rest: FeatureGrant[] = [];
  for (const grant of grants) {
    if (!('customerId' in grant.counter) || grant.feature.type !== 'metered') {
      rest.push(grant);
      continue;
    }
    const first = merged.get(grant.feature.key);
    if (!first || first.feature.type !== 'metered') {
      merged.set(grant.feature.key, grant);
      continue;
    }
    const limit = first.feature.limit === null || grant.feature.limit === null ? null : first.feature.limit + grant.feature.limit;
    merged.set(grant.feature.key, { ...first, feature: { ...first.feature, limit } });
  }
  return [...rest, ...merged.values()];
}
