const BEARER = /^Bearer\s+([A-Za-z0-9\-_.]+)\s*$/i;

/** The token of an `Authorization: Bearer <token>` header (SPAs and mobile apps send their Supabase access token so). */
export function bearerToken(request: Request): string | undefined {
  return BEARER.exec(request.headers.get('authorization') ?? '')?.[1];
}
