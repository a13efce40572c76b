/** Field shapes of the BillingOS API (v1), as a session token sees them: the resources come from the API's OpenAPI schema. */
import type * as contract from '@billingos/contract';

/** A merchant's customer: one of its users, or (B2B) an organization its members share. */
export type Customer = contract.Customer;

/** One way to pay for a product: `amount` in the currency's smallest unit, every `intervalCount` `interval`s. */
export type Price = contract.Price;

/** An on/off feature a product grants. */
export type BooleanFeature = contract.BooleanFeature;

/** A counted feature: `limit` (`null`: unlimited) per period (`reset: 'period'`) or for the subscription's life. */
export type MeteredFeature = contract.MeteredFeature;

export type ProductFeature = contract.ProductFeature;

/** A plan: its prices and the features a subscription to it grants. */
export type Product = contract.Product;

export type SubscriptionStatus = contract.SubscriptionStatus;

/** A plan change waiting for the end of the current period. */
export type ScheduledChange = contract.ScheduledChange;

/** A customer's subscription to one price of a product. */
export type Subscription = contract.Subscription;

/** An on/off feature: nothing is counted. */
export type BooleanEntitlement = contract.BooleanEntitlement;

/** A counted feature: `balance = limit − usage` (`null` when the limit is: unlimited). */
export type MeteredEntitlement = contract.MeteredEntitlement;

/** A feature the customer's active or trialing subscriptions grant; narrow on `type`. */
export type Entitlement = contract.Entitlement;

/** What `POST /v1/me/entitlements/check` answers. */
export type EntitlementCheck = contract.EntitlementCheck;

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
