import type { TokenResult, TokenSource } from '../../src/core/tokens/TokenSource';
import { deferred } from './deferred';

/** One token request the test answers by hand. */
export interface HeldRequest {
  /** Answers with `<prefix><n>`, a one-hour token. */
  release(): void;
  /** The signal the token manager passed, if any. */
  signal: AbortSignal | undefined;
}

/**
 * A token source whose requests stay open until the test releases them: a session route that
 * answers slowly. It ignores abort signals on purpose, like a custom source that cannot cancel.
 */
export class HeldSource implements TokenSource {
  readonly requests: HeldRequest[] = [];
  readonly shareKey: string | undefined;
  readonly #prefix: string;

  constructor(prefix = 'token_', shareKey?: string) {
    this.#prefix = prefix;
    this.shareKey = shareKey;
  }

  getToken(options: { signal?: AbortSignal } = {}): Promise<TokenResult> {
    const n = this.requests.length + 1;
    const answer = deferred<TokenResult>();
    this.requests.push({
      release: () => answer.resolve({ token: `${this.#prefix}${n}`, expiresAt: new Date(Date.now() + 3_600_000) }),
      signal: options.signal,
    });
    return answer.promise;
  }
}
