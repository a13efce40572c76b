import { createBrowserClient, createServerClient, stringFromBase64URL, stringToBase64URL } from '@supabase/ssr';
import WebSocket from 'ws';
import type { SupabaseAuthServer } from './supabase-auth-server';

export interface CookieJar {
  /** The cookies as `@supabase/ssr` set them, in order. */
  cookies: { name: string; value: string }[];
  /** What a browser sends back: `name=value; name=value`, values URI-encoded as cookie serializers write them. */
  header: string;
}

export interface SignInOptions {
  email: string;
  password: string;
  /** `base64url` is @supabase/ssr's default (`base64-` values); `raw` is the older plain JSON form. */
  cookieEncoding?: 'base64url' | 'raw';
  /** Which @supabase/ssr client signs in: a server action's, or the browser's (its own cookie writer). @default 'server' */
  client?: 'server' | 'browser';
}

type SsrClient = ReturnType<typeof createServerClient>;

/**
 * Signs in the way a Next.js server action (or the browser) does: the real
 * `createServerClient` (or `createBrowserClient`) of `@supabase/ssr` calls the Auth server,
 * then writes the session into cookies (chunked into `.0`, `.1`… when large) through `setAll`.
 */
export function signInWithCookies(server: SupabaseAuthServer, options: SignInOptions): Promise<CookieJar> {
  return withCookies(server, options, (supabase) => supabase.auth.signInWithPassword({ email: options.email, password: options.password }));
}

/** An anonymous sign-in (`supabase.auth.signInAnonymously()`), its session written to cookies the same way. */
export function signInAnonymouslyWithCookies(server: SupabaseAuthServer, options: Omit<SignInOptions, 'email' | 'password'> = {}): Promise<CookieJar> {
  return withCookies(server, options, (supabase) => supabase.auth.signInAnonymously());
}

async function withCookies(
  server: SupabaseAuthServer,
  options: Omit<SignInOptions, 'email' | 'password'>,
  signIn: (supabase: SsrClient) => Promise<{ error: unknown }>,
): Promise<CookieJar> {
  const jar = new Map<string, string>();
  const clientOptions = {
    cookieEncoding: options.cookieEncoding ?? 'base64url',
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies: { name: string; value: string }[]) => {
        for (const { name, value } of cookies) {
          if (value) jar.set(name, value);
          else jar.delete(name);
        }
      },
    },
    realtime: { transport: WebSocket as never },
  } as const;
  const supabase =
    options.client === 'browser'
      ? createBrowserClient(server.url, server.anonKey, { ...clientOptions, isSingleton: false })
      : createServerClient(server.url, server.anonKey, clientOptions);
  const { error } = await signIn(supabase as SsrClient);
  if (error) throw error;
  await waitForCookies(jar);
  return toJar(jar);
}

/** The session a jar's (single, `base64-`) cookie holds: its access token and user. */
export function sessionOf(jar: CookieJar): { access_token: string; user: { id: string; is_anonymous?: boolean } } {
  const [cookie, ...rest] = jar.cookies;
  if (!cookie || rest.length > 0 || !cookie.value.startsWith('base64-')) throw new Error('sessionOf expects one base64- session cookie');
  return JSON.parse(stringFromBase64URL(cookie.value.slice('base64-'.length))) as never;
}

/** A jar whose (single, `base64-`) session cookie holds the session `edit` returns. */
export function editSessionCookie(jar: CookieJar, edit: (session: { access_token: string }) => object): CookieJar {
  const [cookie, ...rest] = jar.cookies;
  if (!cookie || rest.length > 0 || !cookie.value.startsWith('base64-')) throw new Error('editSessionCookie expects one base64- session cookie');
  const session = JSON.parse(stringFromBase64URL(cookie.value.slice('base64-'.length))) as { access_token: string };
  return toJar(new Map([[cookie.name, `base64-${stringToBase64URL(JSON.stringify(edit(session)))}`]]));
}

/** The same cookies under another name, as a browser client on another host would write them. */
export function renameCookies(jar: CookieJar, from: string, to: string): CookieJar {
  return toJar(new Map(jar.cookies.map((cookie) => [cookie.name.replace(from, to), cookie.value])));
}

function toJar(jar: Map<string, string>): CookieJar {
  const cookies = [...jar].map(([name, value]) => ({ name, value }));
  return { cookies, header: cookies.map(({ name, value }) => `${name}=${encodeURIComponent(value)}`).join('; ') };
}

// @supabase/ssr applies cookies from an auth-state listener, a tick after sign-in resolves.
async function waitForCookies(jar: Map<string, string>): Promise<void> {
  for (let attempt = 0; attempt < 50 && jar.size === 0; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (jar.size === 0) throw new Error('@supabase/ssr did not write any session cookie after sign-in');
}
