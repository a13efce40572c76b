import { BillingOS } from '@billingos/node';
import type { BillingState } from '@billingos/node';
import type { InitialToken } from '@billingos/sdk';
import { supabaseApi, type CookieRequest, type CookieResponse } from './supabase-api';

/** What the session route allows too: the portal may subscribe, change plan and cancel. */
export const allowedOperations = ['read_customer', 'read_subscription', 'read_entitlements', 'manage_subscription'] as const;

let billing: BillingOS | undefined;

/** The server's BillingOS client (BILLINGOS_SECRET_KEY, BILLINGOS_API_URL), made on first use so `next build` needs no secrets. */
export function billingServer(): BillingOS {
  billing ??= new BillingOS();
  return billing;
}

/** The signed-in Supabase user's id, or null: from an API route or `getServerSideProps`. */
export async function signedInUserId(req: CookieRequest, res: CookieResponse): Promise<string | null> {
  const { data } = await supabaseApi(req, res).auth.getUser();
  return data.user?.id ?? null;
}

/**
 * For a first paint without a spinner: a session token (minted first: it creates the customer on
 * first sight) and the billing state of that user, both plain JSON as `getServerSideProps` needs.
 */
export async function firstPaint(userId: string): Promise<{ token: InitialToken; state: BillingState }> {
  const { sessionToken, expiresAt } = await billingServer().createSessionToken({ externalUserId: userId, allowedOperations: [...allowedOperations] });
  const state = await billingServer().getBillingState({ externalUserId: userId });
  return { token: { sessionToken, expiresAt: expiresAt.toISOString() }, state };
}
