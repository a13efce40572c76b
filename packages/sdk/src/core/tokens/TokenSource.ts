/** What a token source hands to the token manager. */
export interface TokenResult {
  /** The bearer credential: a session token (or, in legacy mode, a publishable key). */
  token: string;
  /** When the server says the token expires; `null` for credentials that never expire. */
  expiresAt: Date | null;
  /**
   * The server's clock when it issued the token (e.g. the response's `Date` header). With it,
   * the lifetime is measured on the server's clock, so a wrong browser clock does not matter.
   */
  serverTime?: Date;
}

/** What the token manager passes to {@link TokenSource.getToken}. */
export interface TokenRequestOptions {
  /** Aborted when `clear()` (a sign-out) ends the session the request was made for; pass it to `fetch`. */
  signal?: AbortSignal;
}

/**
 * The strategy that obtains a credential. Built in: {@link UrlTokenSource} (recommended),
 * {@link StaticTokenSource}, {@link PublishableKeySource}, {@link FunctionTokenSource}.
 *
 * @example
 * const source: TokenSource = {
 *   async getToken() {
 *     const { sessionToken, expiresAt } = await myApi.billingSession();
 *     return { token: sessionToken, expiresAt: new Date(expiresAt) };
 *   },
 * };
 */
export interface TokenSource {
  getToken(options?: TokenRequestOptions): Promise<TokenResult>;
  /** Tabs whose sources share a key share one token over `BroadcastChannel`; omit to never share. */
  readonly shareKey?: string;
}
