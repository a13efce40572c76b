import type { ListParams } from './list-promise';

/** How often a price is charged. */
export type PriceInterval = 'day' | 'week' | 'month' | 'year';

/** One way to pay for a product. */
export interface Price {
  id: string;
  /** In the currency's smallest unit (cents). */
  amount: number;
  /** ISO 4217, lower case, e.g. `usd`. */
  currency: string;
  interval: PriceInterval;
}

/** A plan you sell: its prices and the feature keys it grants. */
export interface Product {
  id: string;
  name: string;
  description: string | null;
  prices: Price[];
  features: string[];
  metadata: Record<string, string>;
  createdAt: string;
}

export interface ProductCreateParams {
  name: string;
  description?: string;
  prices: Array<Omit<Price, 'id'>>;
  features?: string[];
  metadata?: Record<string, string>;
}

export type ProductListParams = ListParams;
