import { z } from 'zod';
import { pageQuery, pageSchema } from '../pagination/page';
import { livemode, metadata, metadataSchema, timestamp } from '../validation/common-schemas';
import { INTERVALS } from './product';
import type { ProductFeature } from './product-feature';

const featureKey = z.string().regex(/^[a-z0-9][a-z0-9_.:-]{0,63}$/, 'must be lowercase letters, digits, "_", ".", ":" or "-" (at most 64)');

export const createPriceBody = z.strictObject({
  amount: z.number().int().min(0).max(100_000_000),
  currency: z.string().regex(/^[a-z]{3}$/, 'must be a lowercase ISO 4217 code such as "usd"'),
  interval: z.enum(INTERVALS),
  intervalCount: z.number().int().min(1).max(12).default(1),
  trialDays: z.number().int().min(0).max(730).default(0),
});

/** The largest limit a metered feature takes: usage is counted exactly in a JSON number. */
export const MAX_FEATURE_LIMIT = Number.MAX_SAFE_INTEGER;

/** What the components show instead of the key (`ai_credits` → "AI credits"); without it they humanise the key. */
const featureName = z.string().trim().min(1).max(100).optional();

const booleanFeature = z.strictObject({ key: featureKey, name: featureName, type: z.literal('boolean') });

const meteredFeature = z.strictObject({
  key: featureKey,
  name: featureName,
  type: z.literal('metered'),
  limit: z
    .number({ error: 'must be a whole number of units (0 or more), or null for unlimited' })
    .int({ error: 'must be a whole number of units (an integer), or null for unlimited' })
    .min(0, { error: 'must be 0 or more, or null for unlimited' })
    .max(MAX_FEATURE_LIMIT)
    .nullable(),
  reset: z.enum(['period', 'never']).default('period'),
});

const productFeature = z.discriminatedUnion('type', [booleanFeature, meteredFeature], {
  error: 'must be { key, name?, type: "boolean" } or { key, name?, type: "metered", limit: number | null, reset?: "period" | "never" }',
});

/** `featureKeys` (boolean shorthand) and `features` together, each key once. */
export const createProductBody = z
  .strictObject({
    name: z.string().min(1).max(255),
    description: z.string().max(2000).optional(),
    featureKeys: z.array(featureKey).max(100).default([]),
    features: z.array(productFeature).max(100).default([]),
    prices: z.array(createPriceBody).min(1).max(20),
    metadata: metadata.optional(),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    const paths = [...body.featureKeys.map((key, index) => ({ key, path: ['featureKeys', index] })), ...body.features.map(({ key }, index) => ({ key, path: ['features', index, 'key'] }))];
    for (const { key, path } of paths) {
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path, message: `feature key "${key}" is given twice; give each key once, in featureKeys or in features` });
      seen.add(key);
    }
    if (seen.size > 100) ctx.addIssue({ code: 'custom', path: ['features'], message: 'a product grants at most 100 features' });
  })
  .transform(({ featureKeys, features, ...body }) => ({
    ...body,
    features: [...featureKeys.map((key): ProductFeature => ({ key, type: 'boolean' })), ...features],
  }));

/** One way to pay for a product. */
export const priceSchema = z
  .object({
    id: z.string(),
    object: z.literal('price'),
    productId: z.string(),
    amount: z.number().int().meta({ description: "In the currency's smallest unit (cents)." }),
    currency: z.string().meta({ description: 'ISO 4217, lower case, such as `usd`.' }),
    interval: z.enum(INTERVALS).meta({ id: 'PriceInterval', description: 'How often a price is charged.' }),
    intervalCount: z.number().int().meta({ description: 'Billed every `intervalCount` intervals.' }),
    trialDays: z.number().int(),
  })
  .meta({ id: 'Price', description: "What a plan costs: `amount` in the currency's smallest unit, billed every `intervalCount` `interval`s." });

const featureNameSchema = z.string().optional().meta({ description: 'The display name, e.g. "AI credits"; absent when the product did not give one (show the key then).' });

export const booleanFeatureSchema = z
  .object({ key: z.string(), name: featureNameSchema, type: z.literal('boolean') })
  .meta({ id: 'BooleanFeature', description: 'A feature that is on or off: the subscription grants it or not.' });

export const meteredFeatureSchema = z
  .object({
    key: z.string(),
    name: featureNameSchema,
    type: z.literal('metered'),
    limit: z.number().int().nullable().meta({ description: '`null`: unlimited.' }),
    reset: z.enum(['period', 'never']).meta({ description: "`period`: usage starts at 0 with each subscription period (renewal or trial end); `never`: counted over the subscription's life." }),
  })
  .meta({ id: 'MeteredFeature', description: 'A feature with an allowance: `limit` units counted per subscription period or over its life.' });

export const productFeatureSchema = z
  .discriminatedUnion('type', [booleanFeatureSchema, meteredFeatureSchema])
  .meta({ id: 'ProductFeature', description: 'What a subscription to a product grants; narrow on `type`.' });

/** A plan: prices to choose from and the features a subscription to it grants. */
export const productSchema = z
  .object({
    id: z.string(),
    object: z.literal('product'),
    name: z.string(),
    description: z.string().nullable(),
    features: z.array(productFeatureSchema),
    featureKeys: z.array(z.string()).meta({ description: "Every feature's key, boolean and metered (the shorthand older clients read)." }),
    active: z.boolean(),
    metadata: metadataSchema,
    prices: z.array(priceSchema),
    livemode,
    createdAt: timestamp,
  })
  .meta({ id: 'Product', description: 'A plan you sell: its prices and the features a subscription to it grants.' });

export const productListSchema = pageSchema(productSchema, 'ProductList');

export const listProductsQuery = z.strictObject({ ...pageQuery, active: z.enum(['true', 'false']).optional() });

export type CreatePriceBody = z.infer<typeof createPriceBody>;
export type CreateProductBody = z.infer<typeof createProductBody>;
export type ListProductsQuery = z.infer<typeof listProductsQuery>;
