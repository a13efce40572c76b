/**
 * The credential in `Authorization: Bearer …`, however the scheme is spelled (`bearer`, extra
 * spaces); undefined when the header is absent or has another shape.
 *
 * @example
 * bearerOf('bearer  sk_test_123') // 'sk_test_123'
 */
export function bearerOf(authorization: string | undefined): string | undefined {
  return authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1] : undefined;
}

/** API keys (`sk_…`, `pk_…`) resolve through storage; any other bearer is a session token, verified in memory. */
export function isApiKey(bearer: string): boolean {
  return /^(sk|pk)_/.test(bearer);
}
