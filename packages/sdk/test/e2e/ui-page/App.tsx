// The merchant's billing page under test: the ready-made components, as a merchant writes them.
import { BillingOSProvider, useEntitlements, useSubscriptions } from '../../../src/index';
import { BillingPortal, Protect } from '../../../src/ui';

export interface AppProps {
  apiUrl: string;
  theme: 'light' | 'dark';
}

function RefreshButton() {
  const subscriptions = useSubscriptions();
  const entitlements = useEntitlements();
  return (
    <button type="button" id="refresh" onClick={() => void Promise.all([subscriptions.refetch(), entitlements.refetch()])}>
      Refresh billing
    </button>
  );
}

export function App({ apiUrl, theme }: AppProps) {
  return (
    <BillingOSProvider sessionTokenUrl="/api/billingos-session" apiUrl={apiUrl}>
      <main className={`page page-${theme}`}>
        <header>
          <h1>Acme Analytics — Billing</h1>
          <RefreshButton />
        </header>
        <section aria-label="Exports" id="gate">
          <Protect feature="exports" fallback={<p>Exports are locked on your plan.</p>}>
            <p>Exports are unlocked.</p>
          </Protect>
        </section>
        <BillingPortal appearance={{ theme }} localization={{ features: { ai_credits: 'AI credits' } }} />
      </main>
    </BillingOSProvider>
  );
}
