import { createRoot } from 'react-dom/client';
import {
  BillingOSProvider,
  useActiveSubscription,
  useCancelSubscription,
  useChangePlan,
  useCreateSubscription,
  useCustomer,
  useEntitlement,
  useEntitlements,
  useProducts,
  useSessionToken,
} from '@billingos/sdk';

const money = (price) => `${(price.amount / 100).toFixed(2)} ${price.currency.toUpperCase()} / ${price.interval}`;

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

function Plans() {
  const { data: products } = useProducts();
  const { data: active } = useActiveSubscription();
  const { createSubscription, isPending: creating } = useCreateSubscription();
  const { changePlan, isPending: changing } = useChangePlan();
  if (!products) return <p>Loading plans…</p>;
  return (
    <section className="card">
      <h2>Plans</h2>
      {products.map((product) =>
        product.prices.map((price) => {
          const current = active?.price.id === price.id;
          const choose = () => (active ? changePlan(active.id, price.id) : createSubscription({ priceId: price.id }));
          return (
            <div key={price.id} className="plan" data-plan={product.name}>
              <strong>{product.name}</strong> — {money(price)}
              <button disabled={current || creating || changing} onClick={choose}>
                {current ? 'Current plan' : active ? `Switch to ${product.name}` : `Subscribe to ${product.name}`}
              </button>
            </div>
          );
        }),
      )}
    </section>
  );
}

function Subscription() {
  const { data: active, isLoading } = useActiveSubscription();
  const { data: products } = useProducts();
  const { cancelSubscription, isPending } = useCancelSubscription();
  if (isLoading) return <p>Loading subscription…</p>;
  if (!active) return <section className="card" id="subscription">No active subscription.</section>;
  const plan = products?.find((product) => product.id === active.productId);
  return (
    <section className="card" id="subscription">
      <h2>Subscription</h2>
      <p>
        Plan: <strong data-testid="plan-name">{plan?.name ?? active.productId}</strong> ({active.status})
      </p>
      <p>Renews {new Date(active.currentPeriodEnd).toLocaleDateString()}</p>
      {active.cancelAtPeriodEnd ? (
        <p>Cancels at the end of the period.</p>
      ) : (
        <button disabled={isPending} onClick={() => cancelSubscription(active.id, { atPeriodEnd: true })}>
          Cancel at period end
        </button>
      )}
    </section>
  );
}

function Features() {
  const { data: entitlements } = useEntitlements();
  const { hasAccess } = useEntitlement('advanced_reports');
  return (
    <section className="card">
      <h2>Features</h2>
      <ul data-testid="features">
        {(entitlements ?? []).map((entitlement) => (
          <li key={entitlement.featureKey}>{entitlement.featureKey}</li>
        ))}
      </ul>
      <p data-testid="advanced-reports">{hasAccess ? 'Advanced reports: unlocked' : 'Advanced reports: upgrade to Pro'}</p>
    </section>
  );
}

function Dashboard() {
  const { token, error, clear } = useSessionToken();
  const { data: customer } = useCustomer();
  if (error?.statusCode === 401) return <LoginForm />;
  if (error) return <p role="alert">{error.message}</p>;
  if (!token) return <p>Loading…</p>;
  return (
    <>
      <header>
        <span data-testid="customer">Signed in as {customer ? customer.externalUserId ?? customer.externalOrganizationId : '…'}</span>
        <SignOut clear={clear} />
      </header>
      <Subscription />
      <Features />
      <Plans />
    </>
  );
}

const { apiUrl } = await (await fetch('/config.json')).json();
createRoot(document.getElementById('root')).render(
  <BillingOSProvider sessionTokenUrl="/api/billingos-session" apiUrl={apiUrl}>
    <h1>Billing</h1>
    <Dashboard />
  </BillingOSProvider>,
);
