import type { z } from 'zod';
import type { Mode } from '../auth/credential';
import { INCOMPLETE_HOURS, project } from '../lifecycle/subscription-timeline';
import type { TimelineState } from '../lifecycle/subscription-timeline';
import { toPrice } from '../products/product';
import type { Price, PriceRow } from '../products/product';
import type { scheduledChangeSchema, subscriptionSchema, subscriptionStatusSchema } from './subscription.schemas';

export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;

/** A plan change waiting for the end of the current period. */
export type ScheduledChange = z.infer<typeof scheduledChangeSchema>;

/** A customer's subscription to one price of a product (see `subscriptionSchema`). */
export type Subscription = z.infer<typeof subscriptionSchema>;

/** A subscription row joined with its price (`price_*` columns), its scheduled price (`scheduled_*`) and its clock's time. */
export interface SubscriptionRow {
  [column: string]: unknown;
  id: string;
  mode: Mode;
  merchant_id: string;
  customer_id: string;
  price_id: string;
  status: SubscriptionStatus;
  current_period_start: Date;
  current_period_end: Date;
  billing_cycle_anchor: Date;
  trial_end: Date | null;
  trial_will_end_sent: boolean;
  cancel_at_period_end: boolean;
  canceled_at: Date | null;
  scheduled_price_id: string | null;
  test_clock_id: string | null;
  /** Started by paying: each new period is invoiced and charged. */
  collects_payment: boolean;
  metadata: Record<string, string>;
  created_at: Date;
  updated_at: Date;
  product_id: string;
  amount: number;
  currency: string;
  interval: PriceRow['interval'];
  interval_count: number;
  trial_days: number;
  scheduled_product_id: string | null;
  scheduled_amount: number | null;
  scheduled_currency: string | null;
  scheduled_interval: PriceRow['interval'] | null;
  scheduled_interval_count: number | null;
  scheduled_trial_days: number | null;
  /** The test clock's frozen time, when the customer runs on one. */
  clock_time: Date | null;
}

/** The columns `toSubscription` needs. Lock with `FOR UPDATE OF s`. */
export const SUBSCRIPTION_SELECT = `SELECT s.*, p.product_id, p.amount, p.currency, p.interval, p.interval_count, p.trial_days,
    sp.product_id AS scheduled_product_id, sp.amount AS scheduled_amount, sp.currency AS scheduled_currency,
    sp.interval AS scheduled_interval, sp.interval_count AS scheduled_interval_count, sp.trial_days AS scheduled_trial_days,
    tc.frozen_time AS clock_time
  FROM subscriptions s JOIN prices p ON p.id = s.price_id
  LEFT JOIN prices sp ON sp.id = s.scheduled_price_id
  LEFT JOIN test_clocks tc ON tc.id = s.test_clock_id`;

/**
 * SQL for the status a reader sees at `asOf` (an SQL expression for the wall-clock time; a
 * clock customer's own time wins): the status after every transition due by then.
 */
export function effectiveStatusSql(asOf: string): string {
  const time = `COALESCE((SELECT frozen_time FROM test_clocks WHERE id = s.test_clock_id), ${asOf})`;
  return `(CASE WHEN s.status = 'incomplete' AND s.created_at + interval '${INCOMPLETE_HOURS} hours' <= ${time} THEN 'incomplete_expired'
    WHEN s.status IN ('incomplete', 'incomplete_expired') THEN s.status
    WHEN s.status = 'canceled' OR (s.cancel_at_period_end AND s.current_period_end <= ${time}) THEN 'canceled'
    WHEN s.status = 'trialing' AND s.current_period_end <= ${time} THEN 'active' ELSE s.status END)`;
}

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

/** The lifecycle's view of a row, as stored (before time is applied). */
export function timelineState(row: SubscriptionRow): TimelineState {
  return {
    status: row.status,
    price: toPrice({ ...row, id: row.price_id }),
    scheduledPrice: row.scheduled_price_id ? scheduledPrice(row) : null,
    currentPeriodStart: new Date(row.current_period_start),
    currentPeriodEnd: new Date(row.current_period_end),
    billingCycleAnchor: new Date(row.billing_cycle_anchor ?? row.current_period_start),
    trialEnd: row.trial_end ? new Date(row.trial_end) : null,
    cancelAtPeriodEnd: row.cancel_at_period_end,
    canceledAt: row.canceled_at ? new Date(row.canceled_at) : null,
    trialWillEndSent: row.trial_will_end_sent,
    createdAt: new Date(row.created_at),
  };
}

/** The subscription as it is at `asOf`: a reader never sees a state that time has passed. */
export function toSubscription(row: SubscriptionRow, asOf: Date): Subscription {
  const { state, lastTransitionAt } = project(timelineState(row), asOf);
  const updatedAt = lastTransitionAt && lastTransitionAt > new Date(row.updated_at) ? lastTransitionAt : row.updated_at;
  return {
    id: row.id,
    object: 'subscription',
    customerId: row.customer_id,
    productId: state.price.productId,
    price: state.price,
    status: state.status,
    currentPeriodStart: state.currentPeriodStart.toISOString(),
    currentPeriodEnd: state.currentPeriodEnd.toISOString(),
    trialEnd: iso(state.trialEnd),
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    canceledAt: iso(state.canceledAt),
    scheduledChange: state.scheduledPrice ? { priceId: state.scheduledPrice.id, effectiveAt: state.currentPeriodEnd.toISOString() } : null,
    testClockId: row.test_clock_id,
    metadata: row.metadata,
    livemode: row.mode === 'live',
    createdAt: iso(row.created_at)!,
    updatedAt: iso(updatedAt)!,
  };
}

function scheduledPrice(row: SubscriptionRow): Price {
  return toPrice({
    id: row.scheduled_price_id!,
    product_id: row.scheduled_product_id!,
    amount: row.scheduled_amount!,
    currency: row.scheduled_currency!,
    interval: row.scheduled_interval!,
    interval_count: row.scheduled_interval_count!,
    trial_days: row.scheduled_trial_days!,
  });
}
