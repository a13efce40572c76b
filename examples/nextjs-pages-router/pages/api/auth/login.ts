import type { NextApiRequest, NextApiResponse } from 'next';
import { supabaseApi } from '../../../lib/supabase-api';

export default async function login(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).setHeader('Allow', 'POST').end();
  const { error } = await supabaseApi(req, res).auth.signInWithPassword({
    email: String(req.body.email ?? ''),
    password: String(req.body.password ?? ''),
  });
  res.redirect(303, error ? `/?error=${encodeURIComponent(error.message)}` : '/');
}
