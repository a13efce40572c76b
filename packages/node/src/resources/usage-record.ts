import type * as contract from '@billingos/contract';
import type { EntitlementSubject } from './entitlement';

export type UsageRecordParams = EntitlementSubject & {
  /** A metered feature's key. */
  featureKey: string;
  /**
   * How much was used; recorded unconditionally (the balance may go below 0).
   * @default 1
   */
  value?: number;
};

/** A metered feature's count after a `usage.record`. */
export type UsageRecord = contract.UsageRecord;
