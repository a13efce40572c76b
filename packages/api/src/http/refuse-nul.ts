import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../errors/api-error';
import { invalidRequest } from '../errors/errors';
import { sendApiError } from './send-api-error';

/**
 * Express middleware: an encoded NUL (`%00`) in the path or query answers before any route runs.
 * No id or filter contains U+0000 (PostgreSQL cannot store it), so a path with one names nothing
 * (404) and a query with one is a 400 naming the parameter.
 */
export function refuseNulInUrl(request: Request, response: Response, next: NextFunction): void {
  if (!/%00/i.test(request.url)) return next();
  const [path = '', query = ''] = request.url.split('?', 2);
  if (/%00/i.test(path)) {
    return sendApiError(
      request,
      response,
      new ApiError({ status: 404, type: 'not_found_error', code: 'resource_missing', message: 'No object has an id containing the NUL character (U+0000). Check the id in the path.', param: 'id' }),
    );
  }
  const offending = [...new URLSearchParams(query)].find(([name, value]) => `${name}${value}`.includes('\u0000'));
  const param = offending?.[0] ?? '';
  sendApiError(request, response, invalidRequest('parameter_invalid', `The query parameter "${param}" contains the NUL character (U+0000). Remove it.`, param));
}
