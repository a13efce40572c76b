/** An unsigned JWT-shaped token carrying `iat` / `exp` (what the SDK reads; it never verifies). */
export function fakeJwt(issuedAtMs: number, lifetimeMs: number): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(issuedAtMs / 1000);
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iat, exp: iat + lifetimeMs / 1000, jti: Math.random() })}.sig`;
}
