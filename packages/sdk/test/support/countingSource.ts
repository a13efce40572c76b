import { FunctionTokenSource } from '../../src/core/tokens/FunctionTokenSource';
import type { TokenResult } from '../../src/core/tokens/TokenSource';

/**
 * A token source whose "server" issues `lifetimeMs` tokens on a clock `skewMs` away from the
 * browser's, counting requests; `fail` makes the next calls throw.
 */
export class CountingSource extends FunctionTokenSource {
  requests = 0;
  failures = 0;
  lifetimeMs: number;
  skewMs = 0;
  sendServerTime = true;

  constructor(lifetimeMs: number) {
    super(() => this.#issue());
    this.lifetimeMs = lifetimeMs;
  }

  async #issue(): Promise<TokenResult> {
    this.requests += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('session route is down');
    }
    const serverNow = Date.now() + this.skewMs;
    return {
      token: `token_${this.requests}`,
      expiresAt: new Date(serverNow + this.lifetimeMs),
      ...(this.sendServerTime ? { serverTime: new Date(serverNow) } : {}),
    };
  }
}
