import { z } from 'zod';
import { invalidRequest } from '../errors/errors';
import { pageQuery, pageSchema } from '../pagination/page';
import { deletedSchema, identifier, livemode, metadata, metadataSchema, timestamp } from '../validation/common-schemas';
import type { CustomerOwner } from './customer';

const email = z.email().max(320);

export const customerSchema = z
  .object({
    id: z.string(),
    object: z.literal('customer'),
    externalUserId: z.string().nullable().meta({ description: "The merchant's user id; `null` on an organization's customer, which belongs to no single member." }),
    externalOrganizationId: z.string().nullable().meta({ description: "The merchant's organization id (B2B); `null` on a user's own customer." }),
    email: z.string().nullable(),
    name: z.string().nullable(),
    metadata: metadataSchema,
    testClockId: z.string().nullable().meta({ description: 'The test clock whose time the customer runs on (test mode), else `null`.' }),
    livemode,
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({
    id: 'Customer',
    description:
      "A merchant's customer: one of its users, or (B2B) one of its organizations, whose members all share it (its `externalUserId` is then `null`, so no member's id is shown to the others). Exactly one of `externalUserId` and `externalOrganizationId` is set.",
  });

export const customerListSchema = pageSchema(customerSchema, 'CustomerList');

export const deletedCustomerSchema = deletedSchema('customer', 'DeletedCustomer');

/** Exactly one of `externalUserId` (a user's own customer) and `externalOrganizationId` (an organization's): see `customerOwner`. */
export const createCustomerBody = z.strictObject({
  externalUserId: identifier.optional(),
  externalOrganizationId: identifier.optional(),
  email: email.optional(),
  name: z.string().max(255).optional(),
  metadata: metadata.optional(),
  /** Attaches the new customer to a test clock (test mode): it lives on the clock's time. */
  testClockId: identifier.optional(),
});

/** The owner is the customer's key: neither `externalUserId` nor `externalOrganizationId` changes. */
export const updateCustomerBody = z.strictObject({
  email: email.nullable().optional(),
  name: z.string().max(255).nullable().optional(),
  metadata: metadata.optional(),
});

export const listCustomersQuery = z.strictObject({
  ...pageQuery,
  externalUserId: identifier.optional(),
  externalOrganizationId: identifier.optional(),
});

export type CreateCustomerBody = z.infer<typeof createCustomerBody>;
export type UpdateCustomerBody = z.infer<typeof updateCustomerBody>;
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;

/** Whose customer `POST /v1/customers` creates; a 400 naming the field unless exactly one owner is sent. */
export function customerOwner(body: CreateCustomerBody): CustomerOwner {
  const { externalUserId, externalOrganizationId } = body;
  if (externalUserId !== undefined && externalOrganizationId !== undefined) {
    throw invalidRequest(
      'parameter_invalid',
      'Send externalUserId (a user\'s own customer) or externalOrganizationId (an organization\'s customer, shared by its members), not both: an organization\'s customer belongs to no single member.',
      'externalOrganizationId',
    );
  }
  if (externalOrganizationId !== undefined) return { externalOrganizationId };
  if (externalUserId !== undefined) return { externalUserId };
  throw invalidRequest('parameter_missing', '"externalUserId" is required (or "externalOrganizationId" for an organization\'s customer).', 'externalUserId');
}
