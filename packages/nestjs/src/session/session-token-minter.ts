import { type AuthIdentity, type AuthProvider, BillingOS, type CreateSessionTokenParams } from '@billingos/node';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { SessionRouteModuleOptions } from '../billingos-module-options';
import { BILLINGOS_AUTH_PROVIDER, BILLINGOS_SESSION_ROUTE_OPTIONS } from '../tokens';
import { retryAfterOf, toSessionHttpError } from './session-error';

/** Sets a header on the response being built (platform-neutral). */
export type SetResponseHeader = (name: string, value: string) => void;

/** What the session route answers; the shape every BillingOS session route shares. */
export interface SessionTokenResponse {
  sessionToken: string;
  /** ISO-8601. */
  expiresAt: string;
}

/** Mints a session token for whoever the `AuthProvider` finds in the request. */
@Injectable()
export class SessionTokenMinter {
  readonly #billing: BillingOS;
  readonly #auth: AuthProvider<unknown>;
  readonly #route: SessionRouteModuleOptions;

  constructor(
    @Inject(BillingOS) billing: BillingOS,
    @Inject(BILLINGOS_AUTH_PROVIDER) auth: AuthProvider<unknown>,
    @Inject(BILLINGOS_SESSION_ROUTE_OPTIONS) route: SessionRouteModuleOptions,
  ) {
    this.#billing = billing;
    this.#auth = auth;
    this.#route = route;
  }

  /** 401 when nobody is logged in; a JSON error with BillingOS's request id when BillingOS fails. */
  async mint(request: unknown, setHeader: SetResponseHeader): Promise<SessionTokenResponse> {
    const identity = await this.#auth.authenticate(request);
    if (!identity) {
      throw new UnauthorizedException({
        error: { type: 'authentication_error', code: 'not_authenticated', message: 'Log in to see your billing.' },
      });
    }
    try {
      const { sessionToken, expiresAt } = await this.#billing.createSessionToken(this.#params(identity));
      return { sessionToken, expiresAt: expiresAt.toISOString() };
    } catch (error) {
      const retryAfter = retryAfterOf(error);
      if (retryAfter) setHeader('Retry-After', retryAfter);
      throw toSessionHttpError(error);
    }
  }

  #params(identity: AuthIdentity): CreateSessionTokenParams {
    const { expiresIn, allowedOperations, metadata } = this.#route;
    const params: CreateSessionTokenParams = { externalUserId: identity.userId };
    if (identity.organizationId) params.externalOrganizationId = identity.organizationId;
    if (expiresIn !== undefined) params.expiresIn = expiresIn;
    if (allowedOperations) params.allowedOperations = allowedOperations;
    if (identity.metadata || metadata) params.metadata = { ...identity.metadata, ...metadata };
    return params;
  }
}
