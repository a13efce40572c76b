import { z } from 'zod';
import { pageQuery } from '../pagination/page';
import { metadata } from '../validation/common-schemas';
import { INTERVALS } from './product';

const featureKey = z.string().regex(/^[a-z0-9][a-z0-9_.:-]{0,63}$/, 'must be lowercase letters, digits, "_", ".", ":" or "-" (at most 64)');

export const createPriceBody = z.strictObject({
  amount: z.number().int().min(0).max(100_000_000),
  currency: z.string().regex(/^[a-z]{3}$/, 'must be a lowercase ISO 4217 code such as "usd"'),
  interval: z.enum(INTERVALS),
  intervalCount: z.number().int().min(1).max(12).default(1),
  trialDays: z.number().int().min(0).max(730).default(0),
});

export const createProductBody = z.strictObject({
  name: z.string().min(1).max(255),
  description: z.string().max(2000).optional(),
  featureKeys: z
    .array(featureKey)
    .max(100)
    .refine((keys) => new Set(keys).size === keys.length, 'must not repeat a feature key')
    .default([]),
  prices: z.array(createPriceBody).min(1).max(20),
  metadata: metadata.optional(),
});

export const listProductsQuery = z.strictObject({ ...pageQuery, active: z.enum(['true', 'false']).optional() });

export type CreatePriceBody = z.infer<typeof createPriceBody>;
export type CreateProductBody = z.infer<typeof createProductBody>;
export type ListProductsQuery = z.infer<typeof listProductsQuery>;
