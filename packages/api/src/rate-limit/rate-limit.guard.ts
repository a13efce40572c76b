import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { API_CONFIG } from '../app/api-config';
import { credentialOf } from '../auth/request-context';
import type { ApiConfig } from '../app/api-config';
import { ApiError } from '../errors/api-error';
import { FixedWindowLimiter } from './fixed-window-limiter';

/**
 * Limits requests per credential (per client address when there is none), before the credential
 * is even checked. Each new Authorization header would be a fresh budget, so answers of 401 are
 * also counted per client address: once an address had more than the limit of refused
 * credentials in a window, it may only use credentials that were accepted recently until the
 * window ends (so guessing keys is limited too, and a server behind the same address keeps
 * working). Over the limit: 429 with `Retry-After`.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  readonly #limiter: FixedWindowLimiter;
  readonly #authFailures: FixedWindowLimiter;
  /** Authorization hashes that were accepted lately → until when they count as known. */
  readonly #accepted = new Map<string, number>();
  readonly #windowMs: number;
  readonly #max: number;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.#limiter = new FixedWindowLimiter(config.rateLimit);
    this.#authFailures = new FixedWindowLimiter(config.rateLimit);
    this.#windowMs = config.rateLimit.windowMs;
    this.#max = config.rateLimit.max;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const address = clientAddress(request);
    const key = limitKey(request, address);
    const failures = this.#authFailures.peek(address);
    if (!failures.allowed && !this.#wasAccepted(key)) {
      throw limited(`Too many requests with invalid credentials from this client: the limit is ${this.#max} per window.`, failures.resetInSeconds);
    }
    const decision = this.#limiter.hit(key);
    response.setHeader('RateLimit-Limit', String(this.#max));
    response.setHeader('RateLimit-Remaining', String(decision.remaining));
    response.setHeader('RateLimit-Reset', String(decision.resetInSeconds));
    if (!decision.allowed) throw limited(`Too many requests with this key: the limit is ${this.#max} per window.`, decision.resetInSeconds);
    response.once('finish', () => {
      if (response.statusCode === 401) this.#authFailures.hit(address);
      // Only a credential the guard established counts (a public route answers 200 to any header).
      else if (key !== address && credentialOf(request)) this.#accept(key);
    });
    return true;
  }

  #wasAccepted(key: string): boolean {
    return (this.#accepted.get(key) ?? 0) > Date.now();
  }

  #accept(key: string): void {
    if (this.#accepted.size >= 50_000) this.#accepted.clear();
    this.#accepted.set(key, Date.now() + this.#windowMs);
  }
}

function limited(reason: string, resetInSeconds: number): ApiError {
  return new ApiError({
    status: 429,
    type: 'rate_limit_error',
    code: 'rate_limited',
    message: `${reason} Retry after ${resetInSeconds} s.`,
    headers: { 'Retry-After': String(resetInSeconds) },
  });
}

function clientAddress(request: Request): string {
  return `ip:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
}

function limitKey(request: Request, address: string): string {
  const authorization = request.headers.authorization;
  if (authorization) return `key:${createHash('sha256').update(authorization).digest('base64url')}`;
  return address;
}
