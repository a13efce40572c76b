import { z } from 'zod';
import { pageQuery } from '../pagination/page';
import { identifier, metadata } from '../validation/common-schemas';

const email = z.email().max(320);

export const createCustomerBody = z.strictObject({
  externalUserId: identifier,
  externalOrganizationId: identifier.optional(),
  email: email.optional(),
  name: z.string().max(255).optional(),
  metadata: metadata.optional(),
});

export const updateCustomerBody = z.strictObject({
  externalOrganizationId: identifier.nullable().optional(),
  email: email.nullable().optional(),
  name: z.string().max(255).nullable().optional(),
  metadata: metadata.optional(),
});

export const listCustomersQuery = z.strictObject({ ...pageQuery, externalUserId: identifier.optional() });

export type CreateCustomerBody = z.infer<typeof createCustomerBody>;
export type UpdateCustomerBody = z.infer<typeof updateCustomerBody>;
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;
