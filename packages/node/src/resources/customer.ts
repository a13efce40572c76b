import type { ListParams } from './list-promise';

/** A merchant's customer: one of your users (or organizations) known to BillingOS. */
export interface Customer {
  id: string;
  object: 'customer';
  externalUserId: string;
  externalOrganizationId: string | null;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
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

export interface CustomerCreateParams {
  externalUserId: string;
  externalOrganizationId?: string;
  email?: string;
  name?: string;
  metadata?: Record<string, string>;
}

export interface CustomerUpdateParams {
  externalOrganizationId?: string | null;
  email?: string | null;
  name?: string | null;
  metadata?: Record<string, string>;
}

export interface CustomerListParams extends ListParams {
  /** Only the customer with this external user id. */
  externalUserId?: string;
  /** Only the customers of this organization (B2B: your organization's id). */
  externalOrganizationId?: string;
}
