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

/** A plan you sell: its prices and the feature keys it grants. */
export interface Product {
  id: string;
  object: 'product';
  name: string;
  description: string | null;
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
  /** Lowercase keys such as `exports` or `seats:10`. */
  featureKeys?: string[];
  prices: PriceCreateParams[];
  metadata?: Record<string, string>;
}

export interface ProductListParams extends ListParams {
  active?: boolean;
}
