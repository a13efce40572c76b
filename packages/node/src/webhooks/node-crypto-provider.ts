import { CryptoProvider } from './crypto-provider';
import { SubtleCryptoProvider } from './subtle-crypto-provider';

interface NodeCrypto {
  createHmac(algorithm: 'sha256', key: Uint8Array): { update(data: Uint8Array): { digest(): Uint8Array } };
}

/**
 * `node:crypto`, loaded at run time through `process.getBuiltinModule` (Node ≥ 20.16, Bun,
 * Deno): no static import, so bundles for Edge runtimes never contain `node:crypto`.
 * `null` where the runtime has no such module.
 */
export function loadNodeCrypto(): NodeCrypto | null {
  const runtime = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  const getBuiltinModule = runtime.process?.getBuiltinModule;
  return typeof getBuiltinModule === 'function' ? ((getBuiltinModule('node:crypto') as NodeCrypto | undefined) ?? null) : null;
}

/** Synchronous HMAC with `node:crypto` (for `constructEvent` / `verifyWebhook`); async via Web Crypto. */
export class NodeCryptoProvider extends CryptoProvider {
  readonly #crypto: NodeCrypto;
  readonly #subtle = new SubtleCryptoProvider();

  constructor(nodeCrypto: NodeCrypto) {
    super();
    this.#crypto = nodeCrypto;
  }

  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
    return this.#crypto.createHmac('sha256', key).update(data).digest();
  }

  hmacSha256Async(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
    return this.#subtle.hmacSha256Async(key, data);
  }
}

/** The best provider this runtime offers: node:crypto where present, else Web Crypto. */
export function defaultCryptoProvider(): CryptoProvider {
  const nodeCrypto = loadNodeCrypto();
  return nodeCrypto ? new NodeCryptoProvider(nodeCrypto) : new SubtleCryptoProvider();
}
