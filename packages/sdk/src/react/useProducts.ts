'use client';
import type { Product } from '../core/types';
import { useResource, type ResourceResult } from './useResource';

/**
 * The merchant's products and their prices, for a pricing table.
 *
 * @example
 * const { data: products = [] } = useProducts();
 */
export function useProducts(): ResourceResult<Product[]> {
  return useResource('products', 'useProducts');
}
