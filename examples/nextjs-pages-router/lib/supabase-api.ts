import { createServerClient, serializeCookieHeader } from '@supabase/ssr';
import type { ServerResponse } from 'node:http';
import WebSocket from 'ws';

/** What an API route's and `getServerSideProps`' requests share: the parsed cookies. */
export type CookieRequest = { cookies: Partial<Record<string, string>> };
export type CookieResponse = Pick<ServerResponse, 'setHeader'>;

/** A Supabase client over a request's cookies (the @supabase/ssr recipe for the Pages Router): API routes and `getServerSideProps`. */
export function supabaseApi(req: CookieRequest, res: CookieResponse) {
  const url = process.env.SUPABASE_URL ?? process.env.NEXT_PUBLIC_SUPABASE_URL;
  const key = process.env.SUPABASE_ANON_KEY ?? process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  if (!url || !key) throw new Error('Set SUPABASE_URL and SUPABASE_ANON_KEY (or their NEXT_PUBLIC_ forms).');
  return createServerClient(url, key, {
    cookies: {
      getAll: () => Object.entries(req.cookies).map(([name, value]) => ({ name, value: value ?? '' })),
      setAll: (list) => {
        res.setHeader('Set-Cookie', list.map(({ name, value, options }) => serializeCookieHeader(name, value, options)));
      },
    },
    // supabase-js needs a WebSocket implementation on Node 20 even when realtime is unused.
    realtime: { transport: WebSocket as never },
  });
}
