import type { TokenResult, TokenSource } from './TokenSource';

/**
 * A session token you already have (e.g. rendered by your server). It cannot be refreshed: when it
 * expires, pass a new one, or use {@link UrlTokenSource}.
 *
 * @example
 * <BillingOSProvider sessionToken={token} />
 */
export class StaticTokenSource implements TokenSource {
  readonly #result: TokenResult;

  constructor(token: string, expiresAt: Date | null = null) {
    this.#result = { token, expiresAt };
  }

  async getToken(): Promise<TokenResult> {
    return this.#result;
  }
}
