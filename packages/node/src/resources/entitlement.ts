import type * as contract from '@billingos/contract';
/** Who a check or a usage record is for: your BillingOS customer's id, or your user's id. */
export type EntitlementSubject =
  | { customerId: string; externalUserId?: undefined }
  | { externalUserId: string; customerId?: undefined };

/** An on/off feature: granted or not; nothing is counted. */
export type BooleanEntitlement = contract.BooleanEntitlement;

/** A counted feature: `balance = limit − usage` (it may go below 0 through `usage.record`). */
export type MeteredEntitlement = contract.MeteredEntitlement;

/**
 * A feature a customer may use, granted by an active or trialing subscription; narrow on `type`.
 *
 * @example
 * if (entitlement.type === 'metered') console.log(`${entitlement.usage} of ${entitlement.limit ?? '∞'}`);
 */
export type Entitlement = contract.Entitlement;

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
export type EntitlementCheck = contract.EntitlementCheck;
