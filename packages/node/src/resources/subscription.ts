import type * as contract from '@billingos/contract';
import type { ListParams } from './list-promise';

export type SubscriptionStatus = contract.SubscriptionStatus;

/** A plan change waiting for the end of the current period. */
export type ScheduledChange = contract.ScheduledChange;

/** A customer's subscription to one price of a product. */
export type Subscription = contract.Subscription;

export interface SubscriptionCreateParams {
  customerId: string;
  priceId: string;
  /** Days of free trial before the first period. */
  trialDays?: number;
  metadata?: Record<string, string>;
}

/** When a plan change happens: at once, or at the current period's end (`scheduledChange`). */
export type PlanChangeTiming = 'now' | 'period_end';

export interface SubscriptionUpdateParams {
  /** The new price: a plan change. */
  priceId?: string;
  /**
   * When the new `priceId` applies; `period_end` sets `scheduledChange` (send it with `priceId`).
   * @default 'now'
   */
  effective?: PlanChangeTiming;
  /** `null` drops a scheduled plan change. */
  scheduledChange?: null;
  /** Schedule (true) or undo (false) the end of the subscription at the current period's end; scheduling drops a scheduled change. */
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
