import type { ListParams } from './list-promise';

/**
 * A merchant's customer: one of your users, or (B2B) one of your organizations, whose members
 * all share it. Exactly one of `externalUserId` and `externalOrganizationId` is set.
 */
export interface Customer {
  id: string;
  object: 'customer';
  /** Your user's id; `null` for an organization's customer, which belongs to no single member. */
  externalUserId: string | null;
  /** Your organization's id, for an organization's customer; else `null`. */
  externalOrganizationId: string | null;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  /** The test clock whose time the customer runs on (test mode), else `null`. */
  testClockId: string | null;
  /** `true` for live mode (an `sk_live_` key), `false` for test mode. */
  livemode: boolean;
  /** ISO-8601. */
  createdAt: string;
  updatedAt: string;
}

/** What deleting a customer answers. */
export interface DeletedCustomer {
  id: string;
  object: 'customer';
  deleted: true;
}

/** Whose customer to create: exactly one of your user's id and your organization's id. */
export type CustomerOwner =
  | { externalUserId: string; externalOrganizationId?: undefined }
  | { externalOrganizationId: string; externalUserId?: undefined };

export type CustomerCreateParams = CustomerOwner & {
  email?: string;
  name?: string;
  metadata?: Record<string, string>;
  /** Attach the new customer to a test clock (test mode): its subscriptions, trials and usage periods run on the clock's time. */
  testClockId?: string;
};

/** The owner (`externalUserId` / `externalOrganizationId`) is the customer's key and never changes. */
export interface CustomerUpdateParams {
  email?: string | null;
  name?: string | null;
  metadata?: Record<string, string>;
}

export interface CustomerListParams extends ListParams {
  /** Only your user's own customer. */
  externalUserId?: string;
  /** Only your organization's customer (B2B). */
  externalOrganizationId?: string;
}
