import type { NextApiRequest, NextApiResponse } from 'next';
import { billingServer, signedInUserId } from '../../lib/billing';

/** Your own feature, metered: checks and counts one AI credit in one step, with the secret key. The browser never tracks. */
export default async function generate(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).setHeader('Allow', 'POST').end();
  const userId = await signedInUserId(req, res);
  if (!userId) return res.status(401).json({ error: 'Sign in first.' });
  const check = await billingServer().entitlements.check({ externalUserId: userId, featureKey: 'ai_credits', track: true });
  if (!check.allowed) return res.status(402).json({ error: 'No AI credits left on your plan.', balance: check.balance });
  return res.status(200).json({ result: `Idea #${check.usage}: a haiku about invoices.`, balance: check.balance });
}
