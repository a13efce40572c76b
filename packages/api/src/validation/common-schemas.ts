import { z } from 'zod';

/** Ids and other short identifiers the merchant chooses. */
export const identifier = z.string().min(1).max(255);

/** Free-form string pairs: up to 50 keys of 40 characters, values up to 500. */
export const metadata = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((value) => Object.keys(value).length <= 50, 'at most 50 keys');

/** A time in a response: ISO-8601 in UTC, as `Date.prototype.toISOString` writes it. */
export const timestamp = z.string().meta({ format: 'date-time', description: 'ISO-8601, UTC.' });

/** `metadata` as responses carry it. */
export const metadataSchema = z.record(z.string(), z.string()).meta({ description: 'Your key-value pairs, as you set them.' });

/** `livemode` on every resource. */
export const livemode = z.boolean().meta({ description: '`true` in live mode (an `sk_live_` key), `false` in test mode.' });

/** What deleting a resource of kind `object` answers, named `id` in the API reference. */
export function deletedSchema<const O extends string>(object: O, id: string) {
  return z.object({ id: z.string(), object: z.literal(object), deleted: z.literal(true) }).meta({ id, description: `What deleting a ${object.replace(/_/g, ' ')} answers.` });
}
