import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { API_CONFIG } from '../app/api-config';
import type { ApiConfig } from '../app/api-config';
import { PUBLIC_KEY } from '../auth/allow.decorator';
import { bearerOf, isApiKey } from '../auth/bearer';
import type { Credential } from '../auth/credential';
import { CredentialResolver } from '../auth/credential-resolver';
import { resolveCredentialOnce } from '../auth/request-context';
import { ApiError } from '../errors/api-error';
import { ExpiringMap } from './expiring-map';
import { maxKeysOf } from './memory-window-counter';
import { addressKey, credentialKey, digest } from './rate-limit-key';
import { WindowCounter } from './window-counter';
import type { WindowHit } from './window-counter';

/**
 * Limits requests per resolved credential (`credentialKey`), so no spelling of the header and no
 * second token of the same customer is a new budget. Refused credentials count per client
 * address instead; once an address reaches the limit of them in a window, it is locked out until
 * the window ends: its requests answer 429 before any credential is looked up in storage, except
 * those with a credential this node accepted lately (a merchant's server behind the same proxy
 * keeps working). `GET /health` counts per address and never looks at credentials.
 * Over a limit: 429 with `Retry-After`.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #reflector: Reflector;
  readonly #credentials: CredentialResolver;
  readonly #counter: WindowCounter;
  /** Credential keys accepted lately → true. */
  readonly #accepted: ExpiringMap<string, true>;
  /** Digests of API keys accepted lately → their credential key: known without a storage read. */
  readonly #acceptedApiKeys: ExpiringMap<string, string>;
  /** Addresses over the refused-credential limit, until their window ends. */
  readonly #lockedOut: ExpiringMap<string, true>;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(Reflector) reflector: Reflector,
    @Inject(CredentialResolver) credentials: CredentialResolver,
    @Inject(WindowCounter) counter: WindowCounter,
  ) {
    this.#max = config.rateLimit.max;
    this.#windowMs = config.rateLimit.windowMs;
    this.#reflector = reflector;
    this.#credentials = credentials;
    this.#counter = counter;
    const capacity = maxKeysOf(config.rateLimit);
    this.#accepted = new ExpiringMap(capacity);
    this.#acceptedApiKeys = new ExpiringMap(capacity);
    this.#lockedOut = new ExpiringMap(capacity);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const address = addressKey(request);
    if (this.#reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) {
      this.#enforce(response, await this.#counter.hit(address), 'from this client');
      return true;
    }
    const lockout = this.#lockedOut.entry(address);
    if (lockout && !(await this.#acceptedLately(request))) {
      throw limited(`Too many requests with invalid credentials from this client: the limit is ${this.#max} per window.`, secondsUntil(lockout.expiresAt));
    }
    let credential: Credential;
    try {
      credential = await this.#resolve(request);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      const refused = await this.#counter.hit(`refused:${address}`);
      if (refused.count >= this.#max) this.#lockedOut.set(address, true, Date.now() + refused.resetInSeconds * 1000);
      this.#enforce(response, refused, 'with invalid credentials from this client');
      return true; // the credential guard answers the refusal
    }
    const key = credentialKey(credential);
    this.#accept(request, key);
    this.#enforce(response, await this.#counter.hit(key), 'with this credential');
    return true;
  }

  #resolve(request: Request): Promise<Credential> {
    return resolveCredentialOnce(request, (authorization) => this.#credentials.resolve(authorization));
  }

  /** Whether the request's credential was accepted lately, found without a storage read. */
  async #acceptedLately(request: Request): Promise<boolean> {
    const bearer = bearerOf(request.headers.authorization);
    if (!bearer) return false;
    if (isApiKey(bearer)) return this.#acceptedApiKeys.get(digest(bearer)) !== undefined;
    const credential = await this.#resolve(request).catch((error: unknown) => {
      if (isRefusal(error)) return undefined;
      throw error;
    });
    return credential !== undefined && this.#accepted.get(credentialKey(credential)) !== undefined;
  }

  #accept(request: Request, key: string): void {
    const until = Date.now() + this.#windowMs;
    this.#accepted.set(key, true, until);
    const bearer = bearerOf(request.headers.authorization);
    if (bearer && isApiKey(bearer)) this.#acceptedApiKeys.set(digest(bearer), key, until);
  }

  #enforce(response: Response, hit: WindowHit, what: string): void {
    const remaining = Math.max(0, this.#max - hit.count);
    response.setHeader('RateLimit-Limit', String(this.#max));
    response.setHeader('RateLimit-Remaining', String(remaining));
    response.setHeader('RateLimit-Reset', String(hit.resetInSeconds));
    if (hit.count > this.#max) throw limited(`Too many requests ${what}: the limit is ${this.#max} per window.`, hit.resetInSeconds);
  }
}

/** A credential the API does not accept (401), as opposed to a failure to check it. */
function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

function secondsUntil(time: number): number {
  return Math.max(1, Math.ceil((time - Date.now()) / 1000));
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
