import type { z } from 'zod';
import type { Mode } from '../auth/credential';
import type { priceSchema, productSchema } from './product.schemas';
import type { ProductFeature } from './product-feature';

export const INTERVALS = ['day', 'week', 'month', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];

/** What a plan costs (see `priceSchema`). */
export type Price = z.infer<typeof priceSchema>;

/** A plan: prices to choose from and the features a subscription to it grants (see `productSchema`). */
export type Product = z.infer<typeof productSchema>;

export interface ProductRow {
  [column: string]: unknown;
  id: string;
  mode: Mode;
  name: string;
  description: string | null;
  feature_keys: string[];
  features: ProductFeature[];
  active: boolean;
  metadata: Record<string, string>;
  created_at: Date;
}

export interface PriceRow {
  [column: string]: unknown;
  id: string;
  product_id: string;
  amount: number;
  currency: string;
  interval: Interval;
  interval_count: number;
  trial_days: number;
}

export function toPrice(row: PriceRow): Price {
  return {
    id: row.id,
    object: 'price',
    productId: row.product_id,
    amount: row.amount,
    currency: row.currency,
    interval: row.interval,
    intervalCount: row.interval_count,
    trialDays: row.trial_days,
  };
}

export function toProduct(row: ProductRow, prices: PriceRow[]): Product {
  return {
    id: row.id,
    object: 'product',
    name: row.name,
    description: row.description,
    features: row.features,
    featureKeys: row.features.map((feature) => feature.key),
    active: row.active,
    metadata: row.metadata,
    prices: prices.filter((price) => price.product_id === row.id).map(toPrice),
    livemode: row.mode === 'live',
    createdAt: new Date(row.created_at).toISOString(),
  };
}
