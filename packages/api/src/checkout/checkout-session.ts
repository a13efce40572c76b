import type { CheckoutSession } from './checkout-session.schemas';

export interface CheckoutSessionRow {
  [column: string]: unknown;
  id: string;
  merchant_id: string;
  mode: 'test' | 'live';
  customer_id: string;
  kind: 'subscription' | 'setup';
  price_id: string | null;
  status: CheckoutSession['status'];
  client_secret: string;
  success_url: string;
  cancel_url: string;
  amount_due: string | number;
  currency: string | null;
  trial_days: number;
  subscription_id: string | null;
  payment_method_id: string | null;
  attempt_id: string | null;
  attempt_started_at: Date | null;
  attempt_method_id: string | null;
  attempt_payment_id: string | null;
  self_serve: boolean;
  /** `saved_method`: run by the API itself for a self-serve subscribe with the card on file. */
  origin: 'checkout' | 'saved_method';
  subscription_metadata: Record<string, string> | null;
  failed_attempts: number;
  expires_at: Date;
  created_at: Date;
  completed_at: Date | null;
}

/** The page a session's buyer is sent to: its client secret in the path is what lets the page show and pay it. */
export function checkoutPagePath(clientSecret: string): string {
  return `/checkout/${clientSecret}`;
}

/** The session id inside a client secret (`cs_…_secret_…`). */
export function sessionIdOf(clientSecret: string): string {
  return clientSecret.split('_secret_')[0] ?? '';
}

export function toCheckoutSession(row: CheckoutSessionRow, baseUrl: string): CheckoutSession {
  return {
    id: row.id,
    object: 'checkout_session',
    status: row.status,
    mode: row.kind,
    customerId: row.customer_id,
    priceId: row.price_id,
    url: `${baseUrl}${checkoutPagePath(row.client_secret)}`,
    clientSecret: row.client_secret,
    expiresAt: new Date(row.expires_at).toISOString(),
    amountDue: Number(row.amount_due),
    currency: row.currency,
    trialDays: row.trial_days,
    subscriptionId: row.subscription_id,
    successUrl: row.success_url,
    cancelUrl: row.cancel_url,
    livemode: row.mode === 'live',
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** `successUrl` with `session_id` added, as Stripe's `{CHECKOUT_SESSION_ID}` does. */
export function successRedirect(row: CheckoutSessionRow): string {
  const url = new URL(row.success_url);
  url.searchParams.set('session_id', row.id);
  return url.toString();
}
