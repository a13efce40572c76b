import { BillingOSError, NotFoundError, RateLimitError, TimeoutError, isBillingOSError } from '@billingos/node';
import { runInNewContext } from 'node:vm';
import { assertBuilt } from '../utils/built-package';

test('instanceof works for classes of this copy', () => {
  const error = new RateLimitError({ message: 'slow', retryAfter: 3 });
  expect(isBillingOSError(error)).toBe(true);
  expect(isBillingOSError(error, 'rate_limit_error')).toBe(true);
  expect(isBillingOSError(error, 'api_error')).toBe(false);
  expect(error).toBeInstanceOf(BillingOSError);
  expect(error.name).toBe('RateLimitError');
});

test('an error from another copy of the package (the built CJS) is recognised by name and type', () => {
  assertBuilt();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const built = require('../../dist/index.cjs') as typeof import('@billingos/node');
  const foreign = new built.NotFoundError({ message: 'gone', requestId: 'req_1' });
  expect(foreign).not.toBeInstanceOf(NotFoundError);
  expect(isBillingOSError(foreign)).toBe(true);
  expect(isBillingOSError(foreign, 'not_found_error')).toBe(true);
});

test('an error object from another realm is recognised', () => {
  const foreign = runInNewContext(`Object.assign(new Error('late'), { name: 'TimeoutError', type: 'timeout_error' })`) as unknown;
  expect(foreign).not.toBeInstanceOf(Error);
  expect(isBillingOSError(foreign, 'timeout_error')).toBe(true);
});

test('look-alikes are rejected: DOMException TimeoutError, plain errors, mismatched type', () => {
  expect(isBillingOSError(new DOMException('t', 'TimeoutError'))).toBe(false);
  expect(isBillingOSError(new Error('x'))).toBe(false);
  expect(isBillingOSError({ name: 'NotFoundError', type: 'api_error' })).toBe(false);
  expect(isBillingOSError(null)).toBe(false);
  expect(isBillingOSError(new TimeoutError({ message: 't' }), 'connection_error')).toBe(false);
});
