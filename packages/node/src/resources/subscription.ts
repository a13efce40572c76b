import type { ListParams } from './list-promise';

export type SubscriptionStatus = 'trialing' | 'active' | 'past_due' | 'canceled' | 'incomplete';

/** A customer's subscription to one price of a product. */
export interface Subscription {
  id: string;
  customerId: string;
  productId: string;
  priceId: string;
  status: SubscriptionStatus;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  canceledAt: string | null;
  trialEnd: string | null;
  metadata: Record<string, string>;
  createdAt: string;
}

export interface SubscriptionCreateParams {
  customerId: string;
  priceId: string;
  /** Days of free trial before the first period. */
  trialDays?: number;
  metadata?: Record<string, string>;
}

export interface SubscriptionUpdateParams {
  /** The new price: a plan change. */
  priceId?: string;
  metadata?: Record<string, string>;
}

export interface SubscriptionCancelParams {
  /**
   * Keep the subscription until the current period ends instead of ending it now.
   * @default false
   */
  atPeriodEnd?: boolean;
}

export interface SubscriptionListParams extends ListParams {
  customerId?: string;
  status?: SubscriptionStatus;
}
