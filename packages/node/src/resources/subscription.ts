import type { ListParams } from './list-promise';
import type { Price } from './product';

export type SubscriptionStatus = 'trialing' | 'active' | 'canceled';

/** A customer's subscription to one price of a product. */
export interface Subscription {
  id: string;
  object: 'subscription';
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
  /** Schedule (true) or undo (false) the end of the subscription at the current period's end. */
  cancelAtPeriodEnd?: boolean;
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
