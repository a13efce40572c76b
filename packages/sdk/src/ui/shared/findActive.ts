import type { Subscription } from '@billingos/sdk';

/** The customer's one subscription that is not canceled (self-serve allows one), else `null`. */
export const findActive = (subscriptions: Subscription[]): Subscription | null =>
  subscriptions.find((s) => s.status !== 'canceled') ?? null;
