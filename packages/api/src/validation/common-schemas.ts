import { z } from 'zod';

/** Ids and other short identifiers the merchant chooses. */
export const identifier = z.string().min(1).max(255);

/** Free-form string pairs: up to 50 keys of 40 characters, values up to 500. */
export const metadata = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((value) => Object.keys(value).length <= 50, 'at most 50 keys');
