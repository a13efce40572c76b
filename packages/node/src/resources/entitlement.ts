/** Who a check or a usage record is for: your BillingOS customer's id, or your user's id. */
export type EntitlementSubject =
  | { customerId: string; externalUserId?: undefined }
  | { externalUserId: string; customerId?: undefined };

interface EntitlementBase {
  object: 'entitlement';
  featureKey: string;
  productId: string;
  subscriptionId: string;
}

/** An on/off feature: granted or not; nothing is counted. */
export interface BooleanEntitlement extends EntitlementBase {
  type: 'boolean';
  limit: null;
  usage: null;
  balance: null;
  resetsAt: null;
}

/** A counted feature: `balance = limit − usage` (it may go below 0 through `usage.record`). */
export interface MeteredEntitlement extends EntitlementBase {
  type: 'metered';
  /** `null`: unlimited. */
  limit: number | null;
  usage: number;
  /** `null` when the limit is. */
  balance: number | null;
  /** When usage starts again at 0 (the period's end), ISO-8601; `null` for a `reset: 'never'` feature. */
  resetsAt: string | null;
}

/**
 * A feature a customer may use, granted by an active or trialing subscription; narrow on `type`.
 *
 * @example
 * if (entitlement.type === 'metered') console.log(`${entitlement.usage} of ${entitlement.limit ?? '∞'}`);
 */
export type Entitlement = BooleanEntitlement | MeteredEntitlement;

export type EntitlementCheckParams = EntitlementSubject & {
  featureKey: string;
  /**
   * The balance the action needs (a metered feature).
   * @default 1
   */
  requiredBalance?: number;
  /**
   * When allowed, also record `requiredBalance` of usage, atomically with the check: N concurrent
   * tracked checks against a balance of L allow exactly min(N, L).
   * @default false
   */
  track?: boolean;
};

/** What a check answers; `limit`, `usage`, `balance` and `resetsAt` are after any tracked usage. */
export interface EntitlementCheck {
  /** Whether the customer has the feature and (metered) at least `requiredBalance` left. */
  allowed: boolean;
  featureKey: string;
  limit: number | null;
  usage: number | null;
  balance: number | null;
  resetsAt: string | null;
}
