import type { NextApiRequest, NextApiResponse } from 'next';
import { supabaseApi } from '../../../lib/supabase-api';

export default async function logout(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).setHeader('Allow', 'POST').end();
  await supabaseApi(req, res).auth.signOut();
  res.redirect(303, '/');
}
