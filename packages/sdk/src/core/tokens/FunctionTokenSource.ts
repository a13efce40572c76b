import type { TokenRequestOptions, TokenResult, TokenSource } from './TokenSource';

/**
 * Your own async function that returns a token (e.g. from a GraphQL call or a native bridge).
 * Pass `signal` on to your request so a sign-out (`clear()`) cancels it.
 */
export type GetToken = (options: TokenRequestOptions) => Promise<TokenResult>;

/**
 * Wraps a function as a {@link TokenSource}.
 *
 * @example
 * const source = new FunctionTokenSource(async ({ signal }) => {
 *   const { sessionToken, expiresAt } = await trpc.billing.session.query(undefined, { signal });
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

  getToken(options: TokenRequestOptions = {}): Promise<TokenResult> {
    return this.#getToken(options);
  }
}
