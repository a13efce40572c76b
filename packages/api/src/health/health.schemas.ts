import { z } from 'zod';

/** `GET /health` when the API and its storage answer. */
export const healthSchema = z
  .object({ status: z.literal('ok'), storage: z.enum(['pglite', 'postgres']).meta({ description: 'The storage the API runs on.' }) })
  .meta({ id: 'Health', description: 'The API is up and reached its storage.' });
