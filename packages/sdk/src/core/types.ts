/** Field shapes of the BillingOS API (v1), as a session token sees them. */

export interface Customer {
  id: string;
  /** The user this customer bills; `null` on an organization's customer (B2B), which its members share. */
  externalUserId: string | null;
  /** The organization this customer bills (B2B); `null` on a user's own customer. */
  externalOrganizationId: string | null;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  /** The test clock the customer runs on (test mode), else `null`. */
  testClockId: string | null;
  livemode: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Price {
  id: string;
  productId: string;
  amount: number;
  currency: string;
  interval: 'day' | 'week' | 'month' | 'year';
  intervalCount: number;
  trialDays: number;
}

/** An on/off feature a product grants. */
export interface BooleanFeature {
  key: string;
  type: 'boolean';
}

/** A counted feature: `limit` (`null`: unlimited) per period (`reset: 'period'`) or for the subscription's life. */
export interface MeteredFeature {
  key: string;
  type: 'metered';
  limit: number | null;
  reset: 'period' | 'never';
}

export type ProductFeature = BooleanFeature | MeteredFeature;

export interface Product {
  id: string;
  name: string;
  description: string | null;
  features: ProductFeature[];
  /** Every feature's key. */
  featureKeys: string[];
  metadata: Record<string, string>;
  active: boolean;
  prices: Price[];
  livemode: boolean;
  createdAt: string;
}

export type SubscriptionStatus = 'trialing' | 'active' | 'canceled';

/** A plan change waiting for the end of the current period. */
export interface ScheduledChange {
  priceId: string;
  /** The current period's end, ISO-8601. */
  effectiveAt: string;
}

export interface Subscription {
  id: string;
  customerId: string;
  productId: string;
  price: Price;
  status: SubscriptionStatus;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  trialEnd: string | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: string | null;
  /** A plan change set with `effective: 'period_end'`, else `null`. */
  scheduledChange: ScheduledChange | null;
  testClockId: string | null;
  metadata: Record<string, string>;
  livemode: boolean;
  createdAt: string;
  updatedAt: string;
}

interface EntitlementBase {
  featureKey: string;
  productId: string;
  subscriptionId: string;
}

/** An on/off feature: nothing is counted. */
export interface BooleanEntitlement extends EntitlementBase {
  type: 'boolean';
  limit: null;
  usage: null;
  balance: null;
  resetsAt: null;
}

/** A counted feature: `balance = limit − usage` (`null` when the limit is: unlimited). */
export interface MeteredEntitlement extends EntitlementBase {
  type: 'metered';
  limit: number | null;
  usage: number;
  balance: number | null;
  /** When usage starts again at 0, ISO-8601; `null` for a feature that never resets. */
  resetsAt: string | null;
}

/** A feature the customer's active or trialing subscriptions grant; narrow on `type`. */
export type Entitlement = BooleanEntitlement | MeteredEntitlement;

/** What `POST /v1/me/entitlements/check` answers. */
export interface EntitlementCheck {
  /** Whether the customer has the feature and (metered) at least `requiredBalance` left. */
  allowed: boolean;
  featureKey: string;
  limit: number | null;
  usage: number | null;
  balance: number | null;
  resetsAt: string | null;
}

/** A page of a cursor-paginated list. */
export interface List<T> {
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

export interface CreateSubscriptionParams {
  priceId: string;
}

export interface ChangePlanParams {
  priceId: string;
  /** `period_end` waits for the current period's end (the subscription's `scheduledChange`). @default 'now' */
  effective?: 'now' | 'period_end';
  /** `false` with a `period_end` change resumes a subscription that was to cancel (the change needs a next period). */
  cancelAtPeriodEnd?: boolean;
}

/** What `PATCH /v1/me/subscriptions/:id` takes: a plan change, a dropped schedule, a resume. */
export interface UpdateSubscriptionParams {
  /** The new price; `effective` says when it applies. */
  priceId?: string;
  /** @default 'now' */
  effective?: 'now' | 'period_end';
  /** `null` drops a plan change scheduled for the period end. */
  scheduledChange?: null;
  /** `false` resumes a subscription that was to cancel at the period end. */
  cancelAtPeriodEnd?: boolean;
}

export interface CancelSubscriptionParams {
  /** Cancel at the end of the paid period instead of now. @default false */
  atPeriodEnd?: boolean;
}
