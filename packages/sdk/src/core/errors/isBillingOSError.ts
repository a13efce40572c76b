import { BillingOSError, type BillingOSErrorType } from './BillingOSError';

/**
 * Whether `error` is a BillingOS error (optionally of one `type`). Unlike `instanceof`, it also
 * recognises errors from a duplicated copy of the package, by `name` and `type`.
 *
 * @example
 * const { error } = useSubscriptions();
 * if (isBillingOSError(error, 'permission_error')) return <p>Ask your admin for access.</p>;
 */
export function isBillingOSError(error: unknown, type?: BillingOSErrorType): error is BillingOSError {
  const candidate = error as Partial<BillingOSError> | null;
  const known = error instanceof BillingOSError || (typeof candidate?.type === 'string' && /Error$/.test(candidate.name ?? ''));
  return known && (type === undefined || candidate?.type === type);
}
