import { z } from 'zod';
import { OPERATIONS } from '../auth/credential';
import { identifier, metadata, timestamp } from '../validation/common-schemas';

/**
 * Bytes of serialized JSON (UTF-8) a session token's `metadata` may take. The token travels in
 * an `Authorization` header and servers refuse header sections over 16 KiB (Node's default);
 * with this cap, 255-character ids of the costliest characters and every operation, the
 * largest token is under 7.5 KB.
 */
export const MAX_SESSION_METADATA_BYTES = 2048;

const sessionMetadata = metadata.superRefine((value, context) => {
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes <= MAX_SESSION_METADATA_BYTES) return;
  context.addIssue({
    code: 'custom',
    message: `must be at most ${MAX_SESSION_METADATA_BYTES} bytes as JSON, and is ${bytes}: the token carries it in an HTTP header. Keep large data on your server`,
  });
});

/** `POST /v1/session-tokens` */
export const createSessionTokenBody = z.strictObject({
  externalUserId: identifier,
  /** B2B: the token's customer is this organization's, shared by every member who mints with it. */
  externalOrganizationId: identifier.optional(),
  expiresIn: z.number().int().min(60).max(86_400).default(3600),
  allowedOperations: z
    .array(z.enum(OPERATIONS))
    .max(OPERATIONS.length)
    .refine((operations) => new Set(operations).size === operations.length, 'must not repeat an operation')
    .optional(),
  metadata: sessionMetadata.optional(),
});

/** What `POST /v1/session-tokens` answers. */
export const sessionTokenSchema = z
  .object({
    sessionToken: z.string().meta({ description: 'A compact JWS (HS256) for `Authorization: Bearer …` from the browser.' }),
    expiresAt: timestamp,
    customerId: z.string().meta({ description: 'The BillingOS customer the token is for (created on first use of `externalUserId`).' }),
  })
  .meta({ id: 'SessionToken', description: "A short-lived token for one customer's view of BillingOS." });

export type CreateSessionTokenBody = z.infer<typeof createSessionTokenBody>;
