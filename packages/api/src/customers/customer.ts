import type { Mode } from '../auth/credential';

/** A merchant's end user, keyed by the merchant's own user id. */
export interface Customer {
  id: string;
  object: 'customer';
  externalUserId: string;
  externalOrganizationId: string | null;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  livemode: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerRow {
  [column: string]: unknown;
  id: string;
  mode: Mode;
  external_user_id: string;
  external_organization_id: string | null;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  created_at: Date;
  updated_at: Date;
}

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    object: 'customer',
    externalUserId: row.external_user_id,
    externalOrganizationId: row.external_organization_id,
    email: row.email,
    name: row.name,
    metadata: row.metadata,
    livemode: row.mode === 'live',
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
