'use client';
import { useProducts } from '@billingos/sdk';
import { useUI } from '../options/useUI';

/**
 * What to call a feature: the `localization` prop's name, else the name a product gives it, else
 * the key humanised; `undefined` while the products load, so no humanised key flashes first.
 */
export function useFeatureName(key: string): string | undefined {
  const ui = useUI();
  const { data, error } = useProducts();
  const named = data?.flatMap((product) => product.features).find((feature) => feature.key === key && feature.name);
  return data || error ? ui.feature(key, named?.name) : undefined;
}
