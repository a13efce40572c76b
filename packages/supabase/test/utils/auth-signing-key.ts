import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type JWK, type JWTPayload, type KeyLike } from 'jose';

/** How a test Supabase project signs its access tokens. */
export type SigningAlgorithm = 'ES256' | 'HS256';

/**
 * One Supabase project's JWT signing key: ES256 (asymmetric, published in the JWKS, so
 * `getClaims()` verifies locally) or HS256 (the legacy shared secret, so `getClaims()` falls
 * back to asking `/auth/v1/user`).
 */
export class AuthSigningKey {
  readonly algorithm: SigningAlgorithm;
  readonly kid: string;
  readonly #signKey: KeyLike | Uint8Array;
  readonly #verifyKey: KeyLike | Uint8Array;
  readonly #publicJwk: JWK | null;

  private constructor(algorithm: SigningAlgorithm, kid: string, signKey: KeyLike | Uint8Array, verifyKey: KeyLike | Uint8Array, publicJwk: JWK | null) {
    this.algorithm = algorithm;
    this.kid = kid;
    this.#signKey = signKey;
    this.#verifyKey = verifyKey;
    this.#publicJwk = publicJwk;
  }

  /** `kid` lets a test forge a token that names the project's key id but is signed by another key. */
  static async create(algorithm: SigningAlgorithm, kid: string = randomUUID()): Promise<AuthSigningKey> {
    if (algorithm === 'HS256') {
      const secret = new TextEncoder().encode(`test-jwt-secret-${randomUUID()}-${randomUUID()}`);
      return new AuthSigningKey(algorithm, kid, secret, secret, null);
    }
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    return new AuthSigningKey(algorithm, kid, privateKey, publicKey, await exportJWK(publicKey));
  }

  /** The public keys as `/auth/v1/.well-known/jwks.json` serves them (empty for HS256, as on Supabase). */
  jwks(): { keys: JWK[] } {
    if (!this.#publicJwk) return { keys: [] };
    return { keys: [{ ...this.#publicJwk, kid: this.kid, alg: this.algorithm, use: 'sig', key_ops: ['verify'] }] };
  }

  sign(claims: JWTPayload, expiresAt: number, issuedAt: number): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: this.algorithm, kid: this.kid, typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.#signKey);
  }

  async verify(token: string, issuer: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.#verifyKey, { algorithms: [this.algorithm], issuer, audience: 'authenticated' });
    return payload;
  }
}
