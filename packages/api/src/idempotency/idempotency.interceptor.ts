import { Inject, Injectable } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { concatMap, from, lastValueFrom, of } from 'rxjs';
import type { Observable } from 'rxjs';
import { credentialOf } from '../auth/request-context';
import type { Credential } from '../auth/credential';
import { ApiError } from '../errors/api-error';
import { invalidRequest } from '../errors/errors';
import { Database } from '../storage/database';
import { ClaimLostError, IdempotencyStore } from './idempotency-store';
import type { Claim } from './idempotency-store';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const WRITE_METHODS = new Set(['POST', 'PATCH', 'DELETE']);

/**
 * `Idempotency-Key` on every POST, PATCH and DELETE: the first request with a key runs, and its
 * response is stored in the same transaction as its change (so no crash or failed write lets a
 * retry run the change twice); the same key and body replay it (`Idempotent-Replayed: true`);
 * another body, or a request while the first is still running, is a 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  readonly #store: IdempotencyStore;
  readonly #db: Database;

  constructor(@Inject(IdempotencyStore) store: IdempotencyStore, @Inject(Database) db: Database) {
    this.#store = store;
    this.#db = db;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    const credential = credentialOf(request);
    if (!WRITE_METHODS.has(request.method) || key === undefined || !credential) return next.handle();
    if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
      throw invalidRequest('invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 characters (a UUID is ideal).', 'Idempotency-Key');
    }
    const scope = scopeOf(credential);
    const fingerprint = requestFingerprint(request.method, request.path, request.body);
    return from(this.#store.claim(scope, key, fingerprint)).pipe(
      concatMap((claim) => (claim.kind === 'owned' ? this.#run(scope, key, claim.owner, next) : of(answer(claim, context.switchToHttp().getResponse<Response>())))),
    );
  }

  async #run(scope: string, key: string, owner: string, next: CallHandler): Promise<unknown> {
    try {
      return await this.#db.runInTransaction(async () => {
        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await this.#store.complete(scope, key, owner, body);
        return body;
      });
    } catch (error) {
      if (error instanceof ClaimLostError) throw inProgress();
      await this.#store.release(scope, key, owner).catch(() => undefined);
      throw error;
    }
  }
}

function scopeOf(credential: Credential): string {
  // Members of one organization share its customer; each member's keys are their own.
  const caller = credential.kind === 'session' ? `session:${credential.customerId}:${credential.externalUserId}` : credential.kind;
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
      throw inProgress();
  }
}

function inProgress(): ApiError {
  return new ApiError({
    status: 409,
    type: 'idempotency_error',
    code: 'idempotency_request_in_progress',
    message: 'A request with this Idempotency-Key is still being processed. Retry shortly with the same key to get its response.',
    param: 'Idempotency-Key',
    headers: { 'Retry-After': '1' },
  });
}
