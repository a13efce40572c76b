import type { Price, Subscription } from '@billingos/sdk';
import { yearlyAmount } from '../options/formatters';

/** What a plan card offers, given the customer's subscription. */
export type PlanAction =
  | { kind: 'current' }
  | { kind: 'scheduled'; effectiveAt: string }
  | { kind: 'subscribe'; trialDays: number }
  /** No one is signed in: the button leads to the `signInUrl`. */
  | { kind: 'signIn'; trialDays: number }
  | { kind: 'upgrade' }
  | { kind: 'switch' }
  /** Cheaper plans wait for the period's end, so the customer keeps what they paid for. */
  | { kind: 'downgrade'; effectiveAt: string };

/**
 * Subscribe when there is no plan (with the trial, unless this product's trial was used), else
 * change plan: upgrades and same-price switches now, downgrades at the period end.
 */
export function planAction(price: Price, active: Subscription | null, subscriptions: Subscription[]): PlanAction {
  if (!active) {
    const trialUsed = subscriptions.some((s) => s.productId === price.productId && s.trialEnd !== null);
    return { kind: 'subscribe', trialDays: trialUsed ? 0 : price.trialDays };
  }
  if (active.price.id === price.id) return { kind: 'current' };
  if (active.scheduledChange?.priceId === price.id) return { kind: 'scheduled', effectiveAt: active.scheduledChange.effectiveAt };
  const difference = yearlyAmount(price) - yearlyAmount(active.price);
  if (difference < 0) return { kind: 'downgrade', effectiveAt: active.currentPeriodEnd };
  return { kind: difference > 0 ? 'upgrade' : 'switch' };
}
