import { z } from 'zod';

export const API_ERROR_TYPES = [
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'payment_error',
  'idempotency_error',
  'rate_limit_error',
  'api_error',
] as const;

/** Every error the API answers, whatever the status: `{ error: { type, code, message, param?, requestId } }`. */
export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      type: z.enum(API_ERROR_TYPES).meta({ id: 'ApiErrorType', description: 'The SDKs map each type to their own error class.' }),
      code: z.string().meta({ description: 'What went wrong, for programs: `parameter_missing`, `resource_missing`, …' }),
      message: z.string().meta({ description: 'What went wrong and what to do, for people.' }),
      param: z.string().optional().meta({ description: 'The field or parameter at fault, when one is.' }),
      requestId: z.string().meta({ description: 'Also the `Request-Id` header: quote it when asking for help.' }),
    }),
  })
  .meta({ id: 'ErrorEnvelope', description: 'The body of every error response.' });
