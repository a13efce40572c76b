const AUTH_COOKIE = /^(sb-.+-auth-token)(?:\.\d+)?$/;

/** The cookie name supabase-js derives from the project URL: `sb-<first host label>-auth-token`. */
export function defaultAuthCookieName(supabaseUrl: string): string {
  return `sb-${new URL(supabaseUrl).hostname.split('.')[0]}-auth-token`;
}

/**
 * Which auth cookie holds the session. The project's own name wins; otherwise a single
 * `sb-<ref>-auth-token` family is accepted whatever its ref, because the browser client may
 * reach the same project through another host (`localhost` vs `127.0.0.1`, a custom domain,
 * Docker's `kong`). Its token is still verified against this project, so a foreign
 * project's cookie gains nothing. Several families and none of them ours: ambiguous, none.
 */
export function findAuthCookieName(cookieNames: readonly string[], expected: string): string | undefined {
  const families = new Set(cookieNames.map((name) => AUTH_COOKIE.exec(name)?.[1]).filter((name) => name !== undefined));
  if (families.has(expected)) return expected;
  return families.size === 1 ? [...families][0] : undefined;
}
