import type { z } from 'zod';
import type { Mode } from '../auth/credential';
import type { customerSchema } from './customer.schemas';

/**
 * Who pays: one of the merchant's users (`externalUserId`), or, for B2B, one of its
 * organizations (`externalOrganizationId`), whose members all share the one customer.
 */
export type CustomerOwner = { externalUserId: string; externalOrganizationId?: undefined } | { externalOrganizationId: string; externalUserId?: undefined };

/** A merchant's customer, as the API answers it (see `customerSchema`). */
export type Customer = z.infer<typeof customerSchema>;

export interface CustomerRow {
  [column: string]: unknown;
  id: string;
  mode: Mode;
  external_user_id: string | null;
  external_organization_id: string | null;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  test_clock_id: string | null;
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
    testClockId: row.test_clock_id,
    livemode: row.mode === 'live',
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
