import { ConfigurationError } from '../errors/configuration-error';
import { CryptoProvider } from './crypto-provider';

/** HMAC through Web Crypto (`crypto.subtle`): Edge runtimes, Workers, Deno, Bun, browsers, Node. */
export class SubtleCryptoProvider extends CryptoProvider {
  readonly #keys = new Map<string, Promise<CryptoKey>>();

  hmacSha256(): Uint8Array {
    throw new ConfigurationError({
      code: 'sync_crypto_unavailable',
      message:
        'This runtime has no synchronous HMAC (no node:crypto): use `await billing.webhooks.constructEventAsync(rawBody, headers)` instead of constructEvent / verifyWebhook.',
    });
  }

  async hmacSha256Async(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
    const signature = await crypto.subtle.sign('HMAC', await this.#importKey(key), data as BufferSource);
    return new Uint8Array(signature);
  }

  #importKey(key: Uint8Array): Promise<CryptoKey> {
    const cacheKey = key.join(',');
    let imported = this.#keys.get(cacheKey);
    if (!imported) {
      imported = crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      this.#keys.set(cacheKey, imported);
    }
    return imported;
  }
}
