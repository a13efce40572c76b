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

export interface Product {
  id: string;
  name: string;
  description: string | null;
  featureKeys: string[];
  metadata: Record<string, string>;
  active: boolean;
  prices: Price[];
  livemode: boolean;
  createdAt: string;
}

export type SubscriptionStatus = 'trialing' | 'active' | 'canceled';

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
  metadata: Record<string, string>;
  livemode: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Entitlement {
  featureKey: string;
  productId: string;
  subscriptionId: string;
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
}

export interface CancelSubscriptionParams {
  /** Cancel at the end of the paid period instead of now. @default false */
  atPeriodEnd?: boolean;
}
