/**
 * Computes HMAC-SHA256 for webhook signatures. One implementation per runtime family:
 * {@link NodeCryptoProvider} (sync and async, Node/Bun/Deno) and {@link SubtleCryptoProvider}
 * (async only, any runtime with Web Crypto).
 */
export abstract class CryptoProvider {
  /** Synchronous HMAC of the concatenated `parts` (strings as UTF-8); a provider that cannot do it throws an error naming the async call. */
  abstract hmacSha256(key: Uint8Array, parts: ReadonlyArray<string | Uint8Array>): Uint8Array;
  abstract hmacSha256Async(key: Uint8Array, parts: ReadonlyArray<string | Uint8Array>): Promise<Uint8Array>;
}
