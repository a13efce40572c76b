import { Inject, Injectable } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, of } from 'rxjs';
import type { Observable } from 'rxjs';
import { credentialOf } from '../auth/request-context';
import type { Credential } from '../auth/credential';
import { ApiError } from '../errors/api-error';
import { invalidRequest } from '../errors/errors';
import { IdempotencyStore } from './idempotency-store';
import type { Claim } from './idempotency-store';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * `Idempotency-Key` on every POST: the first request with a key runs and its response is
 * stored; the same key and body replay it (`Idempotent-Replayed: true`); another body, or a
 * request while the first is still running, is a 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  readonly #store: IdempotencyStore;

  constructor(@Inject(IdempotencyStore) store: IdempotencyStore) {
    this.#store = store;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    const credential = credentialOf(request);
    if (request.method !== 'POST' || key === undefined || !credential) return next.handle();
    if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
      throw invalidRequest('invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 characters (a UUID is ideal).', 'Idempotency-Key');
    }
    const scope = scopeOf(credential);
    const fingerprint = requestFingerprint(request.method, request.path, request.body);
    return from(this.#store.claim(scope, key, fingerprint)).pipe(
      concatMap((claim) => (claim.kind === 'owned' ? this.#run(scope, key, next) : of(answer(claim, context.switchToHttp().getResponse<Response>())))),
    );
  }

  #run(scope: string, key: string, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      concatMap(async (body) => {
        await this.#store.complete(scope, key, body);
        return body;
      }),
      catchError(async (error: unknown) => {
        await this.#store.release(scope, key);
        throw error;
      }),
    );
  }
}

function scopeOf(credential: Credential): string {
  const caller = credential.kind === 'session' ? `session:${credential.customerId}` : credential.kind;
  return `${credential.merchantId}:${credential.mode}:${caller}`;
}

function answer(claim: Exclude<Claim, { kind: 'owned' }>, response: Response): unknown {
  switch (claim.kind) {
    case 'replay':
      response.setHeader('Idempotent-Replayed', 'true');
      return claim.body;
    case 'mismatch':
      throw new ApiError({
        status: 409,
        type: 'idempotency_error',
        code: 'idempotency_key_reused',
        message: 'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
        param: 'Idempotency-Key',
      });
    case 'in_progress':
      throw new ApiError({
        status: 409,
        type: 'idempotency_error',
        code: 'idempotency_request_in_progress',
        message: 'A request with this Idempotency-Key is still being processed. Retry shortly with the same key to get its response.',
        param: 'Idempotency-Key',
        headers: { 'Retry-After': '1' },
      });
  }
}
