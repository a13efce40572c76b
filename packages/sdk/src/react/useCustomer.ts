'use client';
import type { Customer } from '../core/types';
import { useResource, type ResourceResult } from './useResource';

/**
 * The signed-in customer (`GET /v1/me`).
 *
 * @example
 * const { data: customer, isLoading } = useCustomer();
 * return isLoading ? <Spinner /> : <p>{customer?.email}</p>;
 */
export function useCustomer(): ResourceResult<Customer> {
  return useResource('customer', 'useCustomer');
}
