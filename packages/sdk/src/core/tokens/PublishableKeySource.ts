import type { TokenResult, TokenSource } from './TokenSource';

/**
 * Legacy frontend mode: a publishable key `pk_…`, which never expires. Anyone holding it can read
 * any customer's billing, so prefer session tokens ({@link UrlTokenSource}).
 */
export class PublishableKeySource implements TokenSource {
  readonly #key: string;

  constructor(publishableKey: string) {
    this.#key = publishableKey;
  }

  async getToken(): Promise<TokenResult> {
    return { token: this.#key, expiresAt: null };
  }
}
