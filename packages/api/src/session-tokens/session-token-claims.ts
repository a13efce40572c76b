import { z } from 'zod';
import { OPERATIONS } from '../auth/credential';

export const SESSION_TOKEN_ISSUER = 'https://api.billingos.dev';
export const SESSION_TOKEN_AUDIENCE = 'billingos:session';

/** The private claims next to `iss`, `aud`, `sub` (external user id), `iat`, `exp` and `jti`. */
export const sessionTokenClaims = z.object({
  sub: z.string().min(1),
  jti: z.string().min(1),
  merchant: z.string().min(1),
  customer: z.string().min(1),
  organization: z.string().optional(),
  operations: z.array(z.enum(OPERATIONS)),
  mode: z.enum(['test', 'live']),
  metadata: z.record(z.string(), z.string()).optional(),
});

export type SessionTokenClaims = z.infer<typeof sessionTokenClaims>;
