/** A feature that is on or off: the subscription grants it or not. */
export interface BooleanFeature {
  key: string;
  type: 'boolean';
}

/**
 * A feature with an allowance: `limit` units (`null`: unlimited) counted per subscription
 * period (`reset: 'period'`) or over the subscription's life (`'never'`).
 */
export interface MeteredFeature {
  key: string;
  type: 'metered';
  limit: number | null;
  reset: 'period' | 'never';
}

/** What a subscription to a product grants. */
export type ProductFeature = BooleanFeature | MeteredFeature;
