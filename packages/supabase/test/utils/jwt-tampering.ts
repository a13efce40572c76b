/** The same JWT with claims changed and the original signature kept: what an attacker editing a cookie produces. */
export function withEditedClaims(token: string, patch: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return [header, Buffer.from(JSON.stringify({ ...claims, ...patch })).toString('base64url'), signature].join('.');
}
