import { CryptoProvider } from './crypto-provider';
import { SubtleCryptoProvider } from './subtle-crypto-provider';

interface NodeCrypto {
  createHmac(algorithm: 'sha256', key: Uint8Array): NodeHmac;
}

interface NodeHmac {
  update(data: string | Uint8Array): NodeHmac;
  digest(): Uint8Array;
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

/** HMAC with `node:crypto`: sync for `constructEvent` / `verifyWebhook`, and behind the async calls too. */
export class NodeCryptoProvider extends CryptoProvider {
  readonly #crypto: NodeCrypto;

  constructor(nodeCrypto: NodeCrypto) {
    super();
    this.#crypto = nodeCrypto;
  }

  hmacSha256(key: Uint8Array, parts: ReadonlyArray<string | Uint8Array>): Uint8Array {
    const hmac = this.#crypto.createHmac('sha256', key);
    for (const part of parts) hmac.update(part);
    return hmac.digest();
  }

  /** node:crypto's HMAC is faster than a Web Crypto round trip for small payloads, so the async form reuses it. */
  async hmacSha256Async(key: Uint8Array, parts: ReadonlyArray<string | Uint8Array>): Promise<Uint8Array> {
    return this.hmacSha256(key, parts);
  }
}

/** The best provider this runtime offers: node:crypto where present, else Web Crypto. */
export function defaultCryptoProvider(): CryptoProvider {
  const nodeCrypto = loadNodeCrypto();
  return nodeCrypto ? new NodeCryptoProvider(nodeCrypto) : new SubtleCryptoProvider();
}
