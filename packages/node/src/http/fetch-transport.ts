import { Transport } from './transport';

/** Options of {@link FetchTransport}. */
export interface FetchTransportOptions {
  /**
   * The fetch implementation.
   * @default globalThis.fetch (looked up on every call)
   */
  fetch?: typeof fetch;
}

/**
 * The default {@link Transport}: the runtime's global `fetch` (Node ≥ 20, Edge, Bun, Deno).
 *
 * @example
 * import { fetch, ProxyAgent } from 'undici';
 * const dispatcher = new ProxyAgent('http://proxy.internal:3128');
 * new BillingOS({ transport: new FetchTransport({ fetch: (input, init) => fetch(input, { ...init, dispatcher }) }) });
 */
export class FetchTransport extends Transport {
  readonly #fetch: typeof fetch | undefined;

  constructor(options: FetchTransportOptions = {}) {
    super();
    this.#fetch = options.fetch;
  }

  send(request: Request): Promise<Response> {
    return (this.#fetch ?? globalThis.fetch)(request);
  }
}
