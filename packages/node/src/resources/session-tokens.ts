import type { SessionTokenResponse } from '@billingos/contract';
import { inject, injectable } from '../internal/di';
import { HttpClient } from '../http/http-client';
import { InvalidRequestError } from '../errors/invalid-request-error';
import type { RequestOptions } from '../http/request-options';

/** What a session token may do; omitted means every `read_*` operation (least privilege). */
export type SessionOperation = 'read_customer' | 'read_subscription' | 'read_entitlements' | 'manage_subscription';

/** Parameters of `createSessionToken()`. */
export interface CreateSessionTokenParams {
  /** Your user's id (upserts the BillingOS customer for it). */
  externalUserId: string;
  /** Your organization's id, for B2B billing. */
  externalOrganizationId?: string;
  /**
   * Lifetime in seconds, 60…86400.
   * @default 3600
   */
  expiresIn?: number;
  allowedOperations?: SessionOperation[];
  metadata?: Record<string, string>;
}

/** A short-lived token for one customer's view of BillingOS. */
export interface SessionToken {
  sessionToken: string;
  expiresAt: Date;
  /** The BillingOS customer the token is for (created on first use of `externalUserId`). */
  customerId: string;
}

/** `POST /v1/session-tokens`. */
@injectable()
export class SessionTokens {
  readonly #http: HttpClient;

  constructor(@inject(HttpClient) http: HttpClient) {
    this.#http = http;
  }

  /**
   * Mints a session token for one of your users; hand it to `@billingos/sdk` in the browser.
   *
   * @example
   * const { sessionToken, expiresAt } = await billing.sessionTokens.create({ externalUserId: user.id });
   */
  async create(params: CreateSessionTokenParams, options?: RequestOptions): Promise<SessionToken> {
    validate(params);
    const body = await this.#http.request<SessionTokenResponse>(
      { method: 'POST', path: '/v1/session-tokens', body: params },
      options,
    );
    return { sessionToken: body.sessionToken, expiresAt: new Date(body.expiresAt), customerId: body.customerId };
  }
}

function validate(params: CreateSessionTokenParams): void {
  if (typeof params?.externalUserId !== 'string' || params.externalUserId === '') {
    throw new InvalidRequestError({
      code: 'parameter_missing',
      param: 'externalUserId',
      message: 'createSessionToken needs `externalUserId`: the id of the logged-in user in your own system.',
    });
  }
  const { expiresIn } = params;
  if (expiresIn !== undefined && !(Number.isInteger(expiresIn) && expiresIn >= 60 && expiresIn <= 86_400)) {
    throw new InvalidRequestError({
      code: 'parameter_out_of_range',
      param: 'expiresIn',
      message: `expiresIn must be a whole number of seconds from 60 to 86400, got ${String(expiresIn)}.`,
    });
  }
}
