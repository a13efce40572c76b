import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { Operation, SessionCredential } from '../auth/credential';
import { authenticationError } from '../errors/errors';
import { SigningKeyring } from './signing-keyring';
import { SESSION_TOKEN_AUDIENCE, SESSION_TOKEN_ISSUER, sessionTokenClaims } from './session-token-claims';

/** Seconds of clock skew tolerated on `exp`/`iat`. */
const CLOCK_TOLERANCE_S = 5;

export interface SessionTokenSubject {
  merchantId: string;
  mode: 'test' | 'live';
  customerId: string;
  externalUserId: string;
  organizationId?: string | undefined;
  operations: readonly Operation[];
  metadata?: Record<string, string> | undefined;
}

/** Signs and verifies session tokens: HS256 JWS with `kid`, algorithm pinned, verified without a database read. */
@Injectable()
export class SessionTokenSigner {
  readonly #keyring: SigningKeyring;

  constructor(@Inject(SigningKeyring) keyring: SigningKeyring) {
    this.#keyring = keyring;
  }

  async sign(subject: SessionTokenSubject, expiresInSeconds: number): Promise<{ token: string; expiresAt: Date }> {
    const { kid, key } = this.#keyring.current;
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + expiresInSeconds;
    const token = await new SignJWT({
      merchant: subject.merchantId,
      customer: subject.customerId,
      ...(subject.organizationId ? { organization: subject.organizationId } : {}),
      operations: [...subject.operations],
      mode: subject.mode,
      ...(subject.metadata ? { metadata: subject.metadata } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid })
      .setIssuer(SESSION_TOKEN_ISSUER)
      .setAudience(SESSION_TOKEN_AUDIENCE)
      .setSubject(subject.externalUserId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** Answers 401 for anything malformed, tampered, expired, for another audience or signed by an unknown key. */
  async verify(token: string): Promise<SessionCredential> {
    const key = this.#keyFor(token);
    // jose decodes base64url leniently: other spellings of the same signature bytes must not verify.
    if (!CANONICAL_HS256_SIGNATURE.test(token.slice(token.lastIndexOf('.') + 1))) throw badSignature();
    const payload = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: SESSION_TOKEN_ISSUER,
      audience: SESSION_TOKEN_AUDIENCE,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'iat', 'sub', 'jti'],
    }).then(
      (result) => result.payload,
      (error: unknown) => {
        throw toAuthenticationError(error);
      },
    );
    const claims = sessionTokenClaims.safeParse(payload);
    if (!claims.success) throw invalidToken('The session token is missing BillingOS claims. Mint a new one with POST /v1/session-tokens.');
    const { data } = claims;
    return {
      kind: 'session',
      merchantId: data.merchant,
      mode: data.mode,
      customerId: data.customer,
      externalUserId: data.sub,
      organizationId: data.organization,
      operations: data.operations,
      tokenId: data.jti,
    };
  }

  #keyFor(token: string) {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw invalidToken('The bearer token is not a BillingOS session token or API key. Send sk_…, pk_… or a session token from POST /v1/session-tokens.');
    }
    if (header.alg !== 'HS256') throw invalidToken(`Session tokens are signed with HS256; this one says ${JSON.stringify(header.alg) ?? 'nothing'}. Mint a new one.`);
    const key = typeof header.kid === 'string' ? this.#keyring.find(header.kid) : undefined;
    if (!key) {
      throw authenticationError('unknown_signing_key', 'The session token was signed by a key this API does not know (unknown kid). Mint a new one with POST /v1/session-tokens.');
    }
    return key;
  }
}

/** 32 bytes in unpadded base64url: 43 characters, the last one's two spare bits zero. */
const CANONICAL_HS256_SIGNATURE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

function badSignature() {
  return invalidToken('The session token signature does not verify: it was altered or signed by someone else. Mint a new one.');
}

function invalidToken(message: string) {
  return authenticationError('invalid_session_token', message);
}

function toAuthenticationError(error: unknown) {
  if (error instanceof errors.JWTExpired) {
    return authenticationError('session_token_expired', 'The session token has expired. Fetch a new one from your session route and retry.');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return invalidToken(`The session token's "${error.claim}" claim is not valid for this API (${error.reason}). Mint a new one.`);
  }
  return badSignature();
}
