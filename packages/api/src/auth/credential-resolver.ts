import { Inject, Injectable } from '@nestjs/common';
import { authenticationError } from '../errors/errors';
import { SessionTokenSigner } from '../session-tokens/session-token-signer';
import { ApiKeyStore } from './api-key-store';
import { bearerOf, isApiKey } from './bearer';
import type { Credential } from './credential';

const API_KEY = /^(sk|pk)_(test|live)_[A-Za-z0-9_-]+$/;

/** Turns an `Authorization` header into who is calling, or a 401 that says what to send. */
@Injectable()
export class CredentialResolver {
  readonly #keys: ApiKeyStore;
  readonly #signer: SessionTokenSigner;

  constructor(@Inject(ApiKeyStore) keys: ApiKeyStore, @Inject(SessionTokenSigner) signer: SessionTokenSigner) {
    this.#keys = keys;
    this.#signer = signer;
  }

  async resolve(authorization: string | undefined): Promise<Credential> {
    if (!authorization) {
      throw authenticationError('missing_credential', 'No credential was sent. Send Authorization: Bearer <secret key, publishable key or session token>.');
    }
    const bearer = bearerOf(authorization);
    if (!bearer) throw authenticationError('malformed_authorization', 'The Authorization header must be "Bearer <credential>".');
    if (isApiKey(bearer)) return this.#apiKey(bearer);
    return this.#signer.verify(bearer);
  }

  async #apiKey(bearer: string): Promise<Credential> {
    const stored = API_KEY.test(bearer) ? await this.#keys.find(bearer) : null;
    if (!stored) {
      throw authenticationError(
        'invalid_api_key',
        `No API key matches "${bearer.slice(0, 8)}…". Copy the whole key, and check it belongs to this BillingOS API (keys are printed on its first start).`,
      );
    }
    return { kind: stored.kind, merchantId: stored.merchantId, mode: stored.mode };
  }
}
