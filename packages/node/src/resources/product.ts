import type * as contract from '@billingos/contract';
import type { ListParams } from './list-promise';

/** How often a price is charged. */
export type PriceInterval = contract.PriceInterval;

/** One way to pay for a product: `amount` in the currency's smallest unit, every `intervalCount` `interval`s. */
export type Price = contract.Price;

/** An on/off feature a product grants. */
export type BooleanFeature = contract.BooleanFeature;

/** A counted feature: `limit` per period (`reset: 'period'`) or for the subscription's life (`'never'`). */
export type MeteredFeature = contract.MeteredFeature;

/** What a product grants; narrow on `type`. */
export type ProductFeature = contract.ProductFeature;

/** A feature as `products.create` takes it. */
export type ProductFeatureParams =
  | BooleanFeature
  | (Omit<MeteredFeature, 'reset'> & {
      /** @default 'period' */
      reset?: MeteredFeature['reset'];
    });

/** A plan you sell: its prices and the features it grants. */
export type Product = contract.Product;

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
