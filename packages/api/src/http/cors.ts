import type { NextFunction, Request, Response } from 'express';
import { publicMethodsFor } from './public-routes';

const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, BillingOS-Customer, BillingOS-Retry-Attempt';
const EXPOSED_HEADERS = 'Request-Id, Retry-After, Idempotent-Replayed';

/**
 * CORS by path and method: routes a session token or publishable key may call answer any
 * origin (bearer tokens, never cookies); secret-key routes get no CORS headers at all, so a
 * browser cannot use a secret key even by mistake.
 */
export function cors(request: Request, response: Response, next: NextFunction): void {
  const methods = publicMethodsFor(request.path);
  const origin = request.headers.origin;
  const isPreflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
  const method = isPreflight ? String(request.headers['access-control-request-method']).toUpperCase() : request.method;
  if (!origin || !methods.includes(method === 'HEAD' ? 'GET' : method)) return next();
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  response.setHeader('Vary', 'Origin');
  if (!isPreflight) return next();
  response.setHeader('Access-Control-Allow-Methods', methods.join(', '));
  response.setHeader('Access-Control-Allow-Headers', request.headers['access-control-request-headers'] ?? ALLOWED_HEADERS);
  response.setHeader('Access-Control-Max-Age', '600');
  response.status(204).end();
}
