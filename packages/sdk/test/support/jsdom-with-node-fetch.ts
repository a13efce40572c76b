import { TestEnvironment } from 'jest-environment-jsdom';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';

/**
 * jsdom (a browser-like `window`, `document`, events) plus Node's own `fetch` family and the
 * globals and package entries the BillingOS API server needs in-process. jest-environment-jsdom 30 exposes no `fetch`.
 */
export default class JsdomWithNodeFetch extends TestEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const { AbortController, AbortSignal, fetch, Request, Response, Headers, FormData, TextEncoder, TextDecoder, ReadableStream, structuredClone, setImmediate, clearImmediate } = globalThis;
    // As jest-environment-node does: one ArrayBuffer/Uint8Array for test code and Node's crypto, or jose's `instanceof` checks fail.
    // Node's fetch accepts only Node's AbortSignal (the merchant's session route passes one on).
    Object.assign(this.global, { ArrayBuffer, Uint8Array, AbortController, AbortSignal, fetch, Request, Response, Headers, FormData, TextEncoder, TextDecoder, ReadableStream, structuredClone, setImmediate, clearImmediate });
  }

  /** Node's package entries, so the in-process API server loads its Node dependencies (jose's browser build is ESM-only). */
  override exportConditions(): string[] {
    return ['node', 'node-addons'];
  }
}
