import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'Request-Id';
const requestIds = new WeakMap<Request, string>();

/** `req_` and 24 hex characters. */
export function newRequestId(): string {
  return `req_${randomBytes(12).toString('hex')}`;
}

/** Express middleware that runs first: every response, whatever happens next, carries a `Request-Id`. */
export function assignRequestId(request: Request, response: Response, next: NextFunction): void {
  const id = newRequestId();
  requestIds.set(request, id);
  response.setHeader(REQUEST_ID_HEADER, id);
  next();
}

/** The id given to this request (or a fresh one if the middleware did not run). */
export function requestIdOf(request: Request, response: Response): string {
  const existing = requestIds.get(request);
  if (existing) return existing;
  const id = newRequestId();
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
