import { createServerClient } from '@supabase/ssr';
import WebSocket from 'ws';
import type { SupabaseAuthServer } from './supabase-auth-server';

export interface CookieJar {
  /** The cookies as `@supabase/ssr` set them, in order. */
  cookies: { name: string; value: string }[];
  /** What a browser would send back: `name=value; name=value`. */
  header: string;
}

export interface SignInOptions {
  email: string;
  password: string;
  /** `base64url` is @supabase/ssr's default (`base64-` values); `raw` is the older plain JSON form. */
  cookieEncoding?: 'base64url' | 'raw';
}

/**
 * Signs in the way a Next.js server action does: the real `createServerClient` of
 * `@supabase/ssr` calls the Auth server, then writes the session into cookies
 * (chunked into `.0`, `.1`… when large) through its `setAll`.
 */
export async function signInWithCookies(server: SupabaseAuthServer, options: SignInOptions): Promise<CookieJar> {
  const jar = new Map<string, string>();
  const supabase = createServerClient(server.url, server.anonKey, {
    cookieEncoding: options.cookieEncoding ?? 'base64url',
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const { name, value } of cookies) {
          if (value) jar.set(name, value);
          else jar.delete(name);
        }
      },
    },
    realtime: { transport: WebSocket as never },
  });
  const { error } = await supabase.auth.signInWithPassword({ email: options.email, password: options.password });
  if (error) throw error;
  await waitForCookies(jar);
  return toJar(jar);
}

/** A jar whose cookie `name` has had its value replaced. */
export function editCookie(jar: CookieJar, name: string, edit: (value: string) => string): CookieJar {
  return toJar(new Map(jar.cookies.map((cookie) => [cookie.name, cookie.name === name ? edit(cookie.value) : cookie.value])));
}

function toJar(jar: Map<string, string>): CookieJar {
  const cookies = [...jar].map(([name, value]) => ({ name, value }));
  return { cookies, header: cookies.map(({ name, value }) => `${name}=${value}`).join('; ') };
}

// @supabase/ssr applies cookies from an auth-state listener, a tick after sign-in resolves.
async function waitForCookies(jar: Map<string, string>): Promise<void> {
  for (let attempt = 0; attempt < 50 && jar.size === 0; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (jar.size === 0) throw new Error('@supabase/ssr did not write any session cookie after sign-in');
}
