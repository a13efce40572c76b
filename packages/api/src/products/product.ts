import type { Mode } from '../auth/credential';
import type { ProductFeature } from './product-feature';

export const INTERVALS = ['day', 'week', 'month', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];

/** What a plan costs: `amount` in the currency's smallest unit, billed every `intervalCount` `interval`s. */
export interface Price {
  id: string;
  object: 'price';
  productId: string;
  amount: number;
  currency: string;
  interval: Interval;
  intervalCount: number;
  trialDays: number;
}

/** A plan: prices to choose from and the features a subscription to it grants. */
export interface Product {
  id: string;
  object: 'product';
  name: string;
  description: string | null;
  features: ProductFeature[];
  /** Every feature's key, boolean and metered (the shorthand older clients read). */
  featureKeys: string[];
  active: boolean;
  metadata: Record<string, string>;
  prices: Price[];
  livemode: boolean;
  createdAt: string;
}

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
