import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { API_CONFIG } from '../app/api-config';
import type { ApiConfig } from '../app/api-config';
import { ApiError } from '../errors/api-error';
import { FixedWindowLimiter } from './fixed-window-limiter';

/**
 * Limits requests per credential (per client address when there is none), before the credential
 * is even checked, so guessing keys is limited too. Over the limit: 429 with `Retry-After`.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  readonly #limiter: FixedWindowLimiter;
  readonly #max: number;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.#limiter = new FixedWindowLimiter(config.rateLimit);
    this.#max = config.rateLimit.max;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const decision = this.#limiter.hit(limitKey(request));
    response.setHeader('RateLimit-Limit', String(this.#max));
    response.setHeader('RateLimit-Remaining', String(decision.remaining));
    response.setHeader('RateLimit-Reset', String(decision.resetInSeconds));
    if (decision.allowed) return true;
    throw new ApiError({
      status: 429,
      type: 'rate_limit_error',
      code: 'rate_limited',
      message: `Too many requests with this key: the limit is ${this.#max} per window. Retry after ${decision.resetInSeconds} s.`,
      headers: { 'Retry-After': String(decision.resetInSeconds) },
    });
  }
}

function limitKey(request: Request): string {
  const authorization = request.headers.authorization;
  if (authorization) return `key:${createHash('sha256').update(authorization).digest('base64url')}`;
  return `ip:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
}
