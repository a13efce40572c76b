import type { ListParams } from './list-promise';

/** How often a price is charged. */
export type PriceInterval = 'day' | 'week' | 'month' | 'year';

/** One way to pay for a product. */
export interface Price {
  id: string;
  object: 'price';
  productId: string;
  /** In the currency's smallest unit (cents). */
  amount: number;
  /** ISO 4217, lower case, e.g. `usd`. */
  currency: string;
  interval: PriceInterval;
  /** Billed every `intervalCount` intervals. */
  intervalCount: number;
  trialDays: number;
}

/** An on/off feature a product grants. */
export interface BooleanFeature {
  key: string;
  type: 'boolean';
}

/** A counted feature: `limit` per period (`reset: 'period'`) or for the subscription's life (`'never'`). */
export interface MeteredFeature {
  key: string;
  type: 'metered';
  /** `null`: unlimited. */
  limit: number | null;
  /** `period`: usage starts at 0 with each subscription period (renewal or trial end). */
  reset: 'period' | 'never';
}

/** What a product grants; narrow on `type`. */
export type ProductFeature = BooleanFeature | MeteredFeature;

/** A feature as `products.create` takes it. */
export type ProductFeatureParams =
  | BooleanFeature
  | (Omit<MeteredFeature, 'reset'> & {
      /** @default 'period' */
      reset?: MeteredFeature['reset'];
    });

/** A plan you sell: its prices and the features it grants. */
export interface Product {
  id: string;
  object: 'product';
  name: string;
  description: string | null;
  features: ProductFeature[];
  /** Every feature's key (the boolean shorthand of `features`). */
  featureKeys: string[];
  active: boolean;
  metadata: Record<string, string>;
  prices: Price[];
  livemode: boolean;
  createdAt: string;
}

export interface PriceCreateParams {
  amount: number;
  currency: string;
  interval: PriceInterval;
  /** @default 1 */
  intervalCount?: number;
  /** @default 0 */
  trialDays?: number;
}

export interface ProductCreateParams {
  name: string;
  description?: string;
  /** Boolean features by key, lowercase such as `exports`: the shorthand of `{ key, type: 'boolean' }`. */
  featureKeys?: string[];
  /**
   * Boolean and metered features; each key once across `featureKeys` and `features`.
   * @example [{ key: 'exports', type: 'boolean' }, { key: 'api_calls', type: 'metered', limit: 1000, reset: 'period' }]
   */
  features?: ProductFeatureParams[];
  prices: PriceCreateParams[];
  metadata?: Record<string, string>;
}

export interface ProductListParams extends ListParams {
  active?: boolean;
}
