import { useState } from 'react';
import { BillingOSProvider, isBillingOSError, useActiveSubscription, useCustomer, useEntitlement, useSessionToken } from '@billingos/sdk';
import type { InitialState, InitialToken } from '@billingos/sdk';
import { BillingPortal, Paywall, PricingTable, UsageMeter } from '@billingos/sdk/ui';

// This page has no dark mode, so the components stay light whatever the visitor's system prefers.
const ui = { localization: { features: { ai_credits: 'AI credits', advanced_reports: 'Advanced reports' } }, appearance: { theme: 'light' as const } };

function SignIn() {
  return (
    <form method="post" action="/api/auth/login">
      <h2>Sign in with Supabase</h2>
      <input name="email" type="email" aria-label="Email" required />
      <input name="password" type="password" aria-label="Password" required />
      <button type="submit">Sign in</button>
    </form>
  );
}

/** Spends one AI credit through this app's own API route (tracked there with the secret key), then refetches the meters. */
function GenerateButton() {
  const { refetch } = useEntitlement('ai_credits');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const generate = async () => {
    setBusy(true);
    try {
      const response = await fetch('/api/generate', { method: 'POST' });
      const body = (await response.json()) as { result?: string; error?: string };
      setMessage(body.result ?? body.error ?? '');
      await refetch();
    } finally {
      setBusy(false);
    }
  };
  return (
    <p>
      <button onClick={generate} disabled={busy}>
        Generate an idea (1 AI credit)
      </button>{' '}
      <output aria-live="polite">{message}</output>
    </p>
  );
}

function Billing() {
  const { error, clear } = useSessionToken();
  const { data: customer } = useCustomer();
  const { data: active } = useActiveSubscription();
  if (isBillingOSError(error) && error.statusCode === 401) return <SignIn />;
  if (error) return <p role="alert">{error.message}</p>;
  if (!customer) return <p>Loading…</p>;
  return (
    <>
      <p data-testid="customer">Signed in as {customer.externalUserId ?? customer.externalOrganizationId}</p>
      <button
        onClick={async () => {
          // Sign out first, then clear(): every tab forgets this user's token and billing data.
          await fetch('/api/auth/logout', { method: 'POST' });
          clear();
        }}
      >
        Sign out
      </button>
      <BillingPortal {...ui} />
      {active && (
        <>
          <section aria-labelledby="ai-ideas">
            <h2 id="ai-ideas">AI ideas</h2>
            <UsageMeter feature="ai_credits" {...ui} />
            <Paywall feature="ai_credits" {...ui}>
              <GenerateButton />
            </Paywall>
          </section>
          <section aria-labelledby="plans">
            <h2 id="plans">Plans</h2>
            <PricingTable {...ui} />
          </section>
        </>
      )}
    </>
  );
}

/** The provider, started with what `getServerSideProps` read: filled on the first render. */
export function BillingDashboard({ apiUrl, initialToken, initialState }: { apiUrl: string; initialToken?: InitialToken | undefined; initialState?: InitialState | undefined }) {
  return (
    <BillingOSProvider sessionTokenUrl="/api/billingos-session" apiUrl={apiUrl} initialToken={initialToken} initialState={initialState}>
      <Billing />
    </BillingOSProvider>
  );
}
