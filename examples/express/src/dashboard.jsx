import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BillingOSProvider, useActiveSubscription, useCustomer, useEntitlement, useSessionToken } from '@billingos/sdk';
import { BillingPortal, Paywall, PricingTable, UsageMeter } from '@billingos/sdk/ui';
import '@billingos/sdk/ui/styles.css';

// Labels shared by every component: feature keys shown by name.
// This page has no dark mode, so the components stay light whatever the visitor's system prefers.
const ui = { localization: { features: { ai_credits: 'AI credits', advanced_reports: 'Advanced reports' } }, appearance: { theme: 'light' } };

function LoginForm() {
  return (
    <form method="post" action="/login" className="card">
      <h2>Sign in</h2>
      <p>Any name works: this example's auth is a signed cookie.</p>
      <input name="userId" defaultValue="demo-user" aria-label="User id" />
      <button type="submit">Sign in</button>
    </form>
  );
}

// Sign out first, then clear(): every open tab forgets this user's token and billing data, and
// asks the session route again, which now answers 401.
function SignOut({ clear }) {
  const signOut = async () => {
    await fetch('/logout', { method: 'POST' });
    clear();
  };
  return <button onClick={signOut}>Sign out</button>;
}

// Spends one AI credit through this app's own server route (which tracks it with the secret key),
// then refetches the entitlements so every meter on the page counts down.
function GenerateButton() {
  const { refetch } = useEntitlement('ai_credits');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const generate = async () => {
    setBusy(true);
    try {
      const response = await fetch('/api/generate', { method: 'POST' });
      const body = await response.json();
      setMessage(response.ok ? body.result : body.error);
      await refetch();
    } finally {
      setBusy(false);
    }
  };
  return (
    <p className="spend">
      <button onClick={generate} disabled={busy}>
        Generate an idea (1 AI credit)
      </button>
      <output aria-live="polite">{message}</output>
    </p>
  );
}

function AiCredits() {
  return (
    <section className="card" aria-labelledby="ai-credits">
      <h2 id="ai-credits">AI ideas</h2>
      <UsageMeter feature="ai_credits" {...ui} />
      <Paywall feature="ai_credits" {...ui}>
        <GenerateButton />
      </Paywall>
    </section>
  );
}

function Dashboard({ productIds }) {
  const { token, error, clear } = useSessionToken();
  const { data: customer } = useCustomer();
  const { data: active } = useActiveSubscription();
  if (error?.statusCode === 401) return <LoginForm />;
  if (error) return <p role="alert">{error.message}</p>;
  if (!token) return <p>Loading…</p>;
  return (
    <>
      <header>
        <span data-testid="customer">Signed in as {customer ? (customer.externalUserId ?? customer.externalOrganizationId) : '…'}</span>
        <SignOut clear={clear} />
      </header>
      <BillingPortal {...ui} />
      {active && (
        <>
          <AiCredits />
          <section aria-labelledby="plans">
            <h2 id="plans">Plans</h2>
            <PricingTable productIds={productIds} {...ui} />
          </section>
        </>
      )}
    </>
  );
}

const { apiUrl, productIds } = await (await fetch('/config.json')).json();
createRoot(document.getElementById('root')).render(
  <BillingOSProvider sessionTokenUrl="/api/billingos-session" apiUrl={apiUrl}>
    <h1>Billing</h1>
    <Dashboard productIds={productIds} />
  </BillingOSProvider>,
);
