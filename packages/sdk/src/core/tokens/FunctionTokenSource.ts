import type { TokenResult, TokenSource } from './TokenSource';

/** Your own async function that returns a token (e.g. from a GraphQL call or a native bridge). */
export type GetToken = () => Promise<TokenResult>;

/**
 * Wraps a function as a {@link TokenSource}.
 *
 * @example
 * const source = new FunctionTokenSource(async () => {
 *   const { sessionToken, expiresAt } = await trpc.billing.session.query();
 *   return { token: sessionToken, expiresAt: new Date(expiresAt) };
 * });
 */
export class FunctionTokenSource implements TokenSource {
  readonly #getToken: GetToken;
  readonly shareKey: string | undefined;

  constructor(getToken: GetToken, shareKey?: string) {
    this.#getToken = getToken;
    this.shareKey = shareKey;
  }

  getToken(): Promise<TokenResult> {
    return this.#getToken();
  }
}
