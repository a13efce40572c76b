import type * as contract from '@billingos/contract';
import type { ListParams } from './list-promise';

/**
 * A merchant's customer: one of your users, or (B2B) one of your organizations, whose members
 * all share it. Exactly one of `externalUserId` and `externalOrganizationId` is set.
 * (Generated from the API's OpenAPI schema.)
 */
export type Customer = contract.Customer;

/** What deleting a customer answers. */
export type DeletedCustomer = contract.DeletedCustomer;

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
