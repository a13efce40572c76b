import { billingServer, signedInUserId } from '../../../lib/billing';

/** Your own feature, metered: checks and counts one AI credit in one step, with the secret key. The browser never tracks. */
export async function POST() {
  const userId = await signedInUserId();
  if (!userId) return Response.json({ error: 'Sign in first.' }, { status: 401 });
  const check = await billingServer().entitlements.check({ externalUserId: userId, featureKey: 'ai_credits', track: true });
  if (!check.allowed) return Response.json({ error: 'No AI credits left on your plan.', balance: check.balance }, { status: 402 });
  return Response.json({ result: `Idea #${check.usage}: a haiku about invoices.`, balance: check.balance });
}
