import type { z } from 'zod';
import type { booleanFeatureSchema, meteredFeatureSchema, productFeatureSchema } from './product.schemas';

/** A feature that is on or off: the subscription grants it or not. */
export type BooleanFeature = z.infer<typeof booleanFeatureSchema>;

/**
 * A feature with an allowance: `limit` units (`null`: unlimited) counted per subscription
 * period (`reset: 'period'`) or over the subscription's life (`'never'`).
 */
export type MeteredFeature = z.infer<typeof meteredFeatureSchema>;

/** What a subscription to a product grants. */
export type ProductFeature = z.infer<typeof productFeatureSchema>;
