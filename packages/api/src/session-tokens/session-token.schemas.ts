import { z } from 'zod';
import { OPERATIONS } from '../auth/credential';
import { identifier, metadata } from '../validation/common-schemas';

/** `POST /v1/session-tokens` */
export const createSessionTokenBody = z.strictObject({
  externalUserId: identifier,
  externalOrganizationId: identifier.optional(),
  expiresIn: z.number().int().min(60).max(86_400).default(3600),
  allowedOperations: z
    .array(z.enum(OPERATIONS))
    .max(OPERATIONS.length)
    .refine((operations) => new Set(operations).size === operations.length, 'must not repeat an operation')
    .optional(),
  metadata: metadata.optional(),
});

export type CreateSessionTokenBody = z.infer<typeof createSessionTokenBody>;
