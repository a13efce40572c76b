import type { Mode } from '../auth/credential';
import { toPrice } from '../products/product';
import type { Price, PriceRow } from '../products/product';

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

/** A subscription row joined with its price (`price_*` columns). */
export interface SubscriptionRow {
  [column: string]: unknown;
  id: string;
  mode: Mode;
  customer_id: string;
  price_id: string;
  status: SubscriptionStatus;
  current_period_start: Date;
  current_period_end: Date;
  trial_end: Date | null;
  cancel_at_period_end: boolean;
  canceled_at: Date | null;
  metadata: Record<string, string>;
  created_at: Date;
  updated_at: Date;
  product_id: string;
  amount: number;
  currency: string;
  interval: PriceRow['interval'];
  interval_count: number;
  trial_days: number;
}

/** The columns `toSubscription` needs: the subscription plus its price. */
export const SUBSCRIPTION_SELECT = `SELECT s.*, p.product_id, p.amount, p.currency, p.interval, p.interval_count, p.trial_days
  FROM subscriptions s JOIN prices p ON p.id = s.price_id`;

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export function toSubscription(row: SubscriptionRow): Subscription {
  const price = toPrice({ ...row, id: row.price_id });
  return {
    id: row.id,
    object: 'subscription',
    customerId: row.customer_id,
    productId: row.product_id,
    price,
    status: effectiveStatus(row),
    currentPeriodStart: iso(row.current_period_start)!,
    currentPeriodEnd: iso(row.current_period_end)!,
    trialEnd: iso(row.trial_end),
    cancelAtPeriodEnd: row.cancel_at_period_end,
    canceledAt: iso(row.canceled_at),
    metadata: row.metadata,
    livemode: row.mode === 'live',
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

/** A subscription set to cancel at period end is canceled once that end has passed. */
function effectiveStatus(row: SubscriptionRow): SubscriptionStatus {
  if (row.cancel_at_period_end && new Date(row.current_period_end).getTime() <= Date.now()) return 'canceled';
  return row.status;
}
