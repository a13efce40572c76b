import { combineChunks, parseCookieHeader, stringFromBase64URL } from '@supabase/ssr';
import { findAuthCookieName } from './auth-cookie-name';

const BASE64_PREFIX = 'base64-';

/**
 * The access token in a request's Supabase auth cookie, decoded exactly as `@supabase/ssr`
 * writes it: one cookie or chunks `.0`, `.1`…, its value plain JSON or `base64-` encoded.
 * Nothing here is trusted: the caller must verify the token with Supabase Auth.
 */
export async function readSessionCookie(cookieHeader: string | null, cookieName: string): Promise<string | undefined> {
  if (!cookieHeader) return undefined;
  const cookies = parseCookieHeader(cookieHeader);
  const name = findAuthCookieName(
    cookies.map((cookie) => cookie.name),
    cookieName,
  );
  if (!name) return undefined;
  const raw = await combineChunks(name, (chunk) => cookies.find((cookie) => cookie.name === chunk)?.value);
  return raw ? accessTokenOf(raw) : undefined;
}

function accessTokenOf(raw: string): string | undefined {
  try {
    const session: unknown = JSON.parse(raw.startsWith(BASE64_PREFIX) ? stringFromBase64URL(raw.slice(BASE64_PREFIX.length)) : raw);
    // auth-helpers (the predecessor of @supabase/ssr) stored `[access_token, refresh_token, …]`.
    const token = Array.isArray(session) ? session[0] : (session as { access_token?: unknown } | null)?.access_token;
    return typeof token === 'string' && token ? token : undefined;
  } catch {
    // A cookie that does not decode (mixed chunk generations, a hand-edited value) is no session.
    return undefined;
  }
}
