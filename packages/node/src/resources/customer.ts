import type { ListParams } from './list-promise';

/** A merchant's customer: one of your users (or organizations) known to BillingOS. */
export interface Customer {
  id: string;
  externalUserId: string;
  externalOrganizationId: string | null;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  /** ISO-8601. */
  createdAt: string;
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
}
