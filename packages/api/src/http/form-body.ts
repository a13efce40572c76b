import type { Request } from 'express';
import type { ApiError } from '../errors/api-error';
import { invalidRequest } from '../errors/errors';

/** The routes whose plain HTML forms post here (the checkout page, an open invoice's page, the test authentication page): only these take a form body. */
const FORM_ROUTES: readonly RegExp[] = [/^\/checkout\/[^/]+$/, /^\/invoices\/[^/]+$/, /^\/v1\/test-payments\/[^/]+\/authenticate\/[^/]+$/];

/** Whether `request` is a form post to one of our pages. */
export function takesForm(request: Request): boolean {
  return request.method === 'POST' && FORM_ROUTES.some((route) => route.test(request.path));
}

/** An `application/x-www-form-urlencoded` body as `{ name: value }` (the first of repeated names), or what is wrong with it. */
export function parseFormBody(request: Request, raw: Buffer): Record<string, string> | ApiError {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    return invalidRequest('unsupported_content_type', `The body was sent as "${contentType || 'no content type'}". This page takes its form: application/x-www-form-urlencoded.`);
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) {
    if (`${name}${value}`.includes('\u0000')) return invalidRequest('parameter_invalid', `The form field "${name.replace(/\u0000/g, '')}" contains the NUL character (U+0000). Remove it.`, name.replace(/\u0000/g, ''));
    if (!Object.hasOwn(fields, name)) fields[name] = value;
  }
  return fields;
}
