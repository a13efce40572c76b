import { createServerClient, serializeCookieHeader } from '@supabase/ssr';
import type { NextApiRequest, NextApiResponse } from 'next';
import WebSocket from 'ws';

/** A Supabase client over an API route's cookies (the @supabase/ssr recipe for the Pages Router). */
export function supabaseApi(req: NextApiRequest, res: NextApiResponse) {
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
