import type { Price } from '../products/product';
import { addInterval } from '../subscriptions/billing-period';
import type { SubscriptionStatus } from '../subscriptions/subscription';
import { ENDED_STATUSES } from '../subscriptions/subscription.schemas';

/** How long before a trial ends `subscription.trial_will_end` is sent (as Stripe: three days). */
export const TRIAL_NOTICE_DAYS = 3;

/** How long an `incomplete` subscription waits for its first payment (as Stripe: 23 hours). */
export const INCOMPLETE_HOURS = 23;

/** What time changes about a subscription: everything the lifecycle reads and writes. */
export interface TimelineState {
  status: SubscriptionStatus;
  price: Price;
  /** The price a scheduled plan change moves to at `currentPeriodEnd`. */
  scheduledPrice: Price | null;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  /** Where paid periods are counted from, so monthly periods do not drift at short months. */
  billingCycleAnchor: Date;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  trialWillEndSent: boolean;
  createdAt: Date;
}

export type TransitionKind = 'trial_will_end' | 'trial_end' | 'renewal' | 'cancel' | 'scheduled_change' | 'incomplete_expire';

export interface Transition {
  kind: TransitionKind;
  at: Date;
}

/** The next thing time does to a subscription, or `null` once it is canceled. */
export function nextTransition(state: TimelineState): Transition | null {
  if (ENDED_STATUSES.has(state.status)) return null;
  // Unpaid, time does nothing to it but end it.
  if (state.status === 'incomplete') return { kind: 'incomplete_expire', at: incompleteExpiresAt(state.createdAt) };
  const periodEnd: Transition = { kind: periodEndKind(state), at: state.currentPeriodEnd };
  if (state.status === 'trialing' && state.trialEnd && !state.trialWillEndSent) {
    const notice = trialNoticeAt(state.trialEnd, state.createdAt);
    if (notice <= periodEnd.at) return { kind: 'trial_will_end', at: notice };
  }
  return periodEnd;
}

/** The state right after `transition` ran. */
export function applyTransition(state: TimelineState, transition: Transition): TimelineState {
  const at = transition.at;
  switch (transition.kind) {
    case 'trial_will_end':
      return { ...state, trialWillEndSent: true };
    case 'cancel':
      return { ...state, status: 'canceled', canceledAt: at, scheduledPrice: null };
    case 'incomplete_expire':
      return { ...state, status: 'incomplete_expired', scheduledPrice: null, cancelAtPeriodEnd: false };
    case 'trial_end':
    case 'scheduled_change': {
      const price = state.scheduledPrice ?? state.price;
      return { ...state, status: 'active', price, scheduledPrice: null, billingCycleAnchor: at, currentPeriodStart: at, currentPeriodEnd: periodEndAfter(at, at, price) };
    }
    case 'renewal':
      return { ...state, currentPeriodStart: at, currentPeriodEnd: periodEndAfter(state.billingCycleAnchor, at, state.price) };
  }
}

/** The state at `asOf`, every transition due by then applied (what a reader must see even when the worker is behind). */
export function project(state: TimelineState, asOf: Date): { state: TimelineState; lastTransitionAt: Date | null } {
  let current = state;
  let lastTransitionAt: Date | null = null;
  for (let transition = nextTransition(current); transition && transition.at <= asOf; transition = nextTransition(current)) {
    current = applyTransition(current, transition);
    lastTransitionAt = transition.at;
  }
  return { state: current, lastTransitionAt };
}

/** When the worker should next look at this subscription (`null`: never again). */
export function dueAt(state: TimelineState): Date | null {
  return nextTransition(state)?.at ?? null;
}

function periodEndKind(state: TimelineState): TransitionKind {
  if (state.cancelAtPeriodEnd) return 'cancel';
  if (state.status === 'trialing') return 'trial_end';
  return state.scheduledPrice ? 'scheduled_change' : 'renewal';
}

/** When an `incomplete` subscription created at `createdAt` expires unpaid. */
export function incompleteExpiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + INCOMPLETE_HOURS * 3_600_000);
}

/** Three days before the trial ends, or at once for a trial shorter than that. */
function trialNoticeAt(trialEnd: Date, createdAt: Date): Date {
  const notice = addInterval(trialEnd, 'day', -TRIAL_NOTICE_DAYS);
  return notice < createdAt ? createdAt : notice;
}

/** The first period boundary after `after`, counted in whole billing intervals from `anchor`. */
export function periodEndAfter(anchor: Date, after: Date, price: Pick<Price, 'interval' | 'intervalCount'>): Date {
  for (let periods = 1; ; periods += 1) {
    const end = addInterval(anchor, price.interval, periods * price.intervalCount);
    if (end > after) return end;
  }
}
