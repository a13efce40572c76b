import { ConfigurationError } from '../errors/configuration-error';
import { CryptoProvider } from './crypto-provider';
import { concatBytes } from './encoding';

/**
 * HMAC through Web Crypto (`crypto.subtle`): Edge runtimes, Workers, Deno, Bun, browsers, Node.
 * Chosen automatically where `node:crypto` is unavailable; pass it to force the async-only path.
 *
 * @example
 * const webhooks = new Webhooks({ secret, cryptoProvider: new SubtleCryptoProvider() });
 */
export class SubtleCryptoProvider extends CryptoProvider {
  readonly #keys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

  hmacSha256(): Uint8Array {
    throw new ConfigurationError({
      code: 'sync_crypto_unavailable',
      message:
        'This runtime has no synchronous HMAC (no node:crypto): use `await billing.webhooks.constructEventAsync(rawBody, headers)` instead of constructEvent / verifyWebhook.',
    });
  }

  async hmacSha256Async(key: Uint8Array, parts: ReadonlyArray<string | Uint8Array>): Promise<Uint8Array> {
    const signature = await crypto.subtle.sign('HMAC', await this.#importKey(key), concatBytes(parts) as BufferSource);
    return new Uint8Array(signature);
  }

  #importKey(key: Uint8Array): Promise<CryptoKey> {
    let imported = this.#keys.get(key);
    if (!imported) {
      imported = crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      this.#keys.set(key, imported);
    }
    return imported;
  }
}
