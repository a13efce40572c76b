import { errorFromResponse } from '../errors/errorFromResponse';
import { ConnectionError } from '../errors/ConnectionError';
import type { TokenRequestOptions, TokenResult, TokenSource } from './TokenSource';

interface SessionRouteBody {
  sessionToken?: string;
  expiresAt?: string;
}

/**
 * Fetches session tokens from your own backend route (`GET`, with the page's cookies), which
 * answers `{ sessionToken, expiresAt }`: what `createSessionRoute()` from `@billingos/node` returns.
 *
 * @example
 * const source = new UrlTokenSource('/api/billingos-session');
 */
export class UrlTokenSource implements TokenSource {
  readonly #url: string;
  readonly #fetch: typeof fetch | undefined;
  readonly shareKey: string;

  constructor(url: string, options: { fetch?: typeof fetch } = {}) {
    this.#url = url;
    this.#fetch = options.fetch;
    this.shareKey = url;
  }

  async getToken({ signal }: TokenRequestOptions = {}): Promise<TokenResult> {
    const response = await (this.#fetch ?? fetch)(this.#url, {
      signal,
      credentials: 'include',
      headers: { accept: 'application/json' },
      cache: 'no-store',
    }).catch((cause: unknown) => {
      throw new ConnectionError({ message: `Could not reach the session token route ${this.#url}: ${String(cause)}`, cause });
    });
    if (!response.ok) throw await errorFromResponse(response);
    const body = (await response.json()) as SessionRouteBody;
    if (!body.sessionToken || !body.expiresAt) {
      throw new ConnectionError({
        message: `${this.#url} must answer { sessionToken, expiresAt } (what createSessionRoute() returns), got ${JSON.stringify(body)}.`,
      });
    }
    const date = response.headers.get('date');
    return { token: body.sessionToken, expiresAt: new Date(body.expiresAt), ...(date ? { serverTime: new Date(date) } : {}) };
  }
}
