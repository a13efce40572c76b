import { InvalidRequestError } from '../errors/invalid-request-error';

/** Where an id is used, for the error message: `customers.retrieve`, `id`, `a customer id such as 'cus_123'`. */
export interface IdParam {
  method: string;
  param: string;
  expected: string;
}

/** Characters that end, reshape or escape a path segment (`\` is `/` to some URL parsers), whitespace and controls. */
const UNSAFE = /[/?#\\\s\p{Cc}]/u;
const DOT_SEGMENTS = new Set(['.', '..']);

/**
 * `id` encoded as one path segment. Refused before any request when it is no id at all: not
 * a string, empty, `.` or `..` (which the URL parser resolves to the parent path, so
 * `customers.retrieve('.')` would list customers), or holding `/`, `?`, `#`, `\`, whitespace or
 * control characters (which would reach another path, a query or a fragment).
 *
 * @example
 * `/v1/customers/${idSegment(id, { method: 'customers.retrieve', param: 'id', expected: "a customer id such as 'cus_123'" })}`
 */
export function idSegment(id: unknown, where: IdParam): string {
  if (typeof id === 'string' && id !== '' && !DOT_SEGMENTS.has(id) && !UNSAFE.test(id)) return encodeURIComponent(id);
  const missing = id === undefined || id === null || id === '';
  throw new InvalidRequestError({
    code: missing ? 'parameter_missing' : 'parameter_invalid',
    param: where.param,
    message:
      `${where.method}: pass ${where.expected} as \`${where.param}\`, got ${describe(id)}. ` +
      "An id is never empty, '.' or '..', and never contains '/', '?', '#', '\\', whitespace or control characters.",
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value === '' ? 'an empty string' : JSON.stringify(value);
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  return 'an object';
}
