'use client';
import {
  BillingOSProvider,
  isBillingOSError,
  useActiveSubscription,
  useChangePlan,
  useCreateSubscription,
  useCustomer,
  useEntitlements,
  useProducts,
  useSessionToken,
} from '@billingos/sdk';

function SignIn() {
  return (
    <form method="post" action="/auth/login">
      <h2>Sign in with Supabase</h2>
      <input name="email" type="email" aria-label="Email" required />
      <input name="password" type="password" aria-label="Password" required />
      <button type="submit">Sign in</button>
    </form>
  );
}

function Plans() {
  const { data: products } = useProducts();
  const { data: active } = useActiveSubscription();
  const { createSubscription } = useCreateSubscription();
  const { changePlan } = useChangePlan();
  return (
    <section>
      <h2>Plans</h2>
      {products?.map((product) => {
        const price = product.prices[0];
        if (!price) return null;
        const current = active?.productId === product.id;
        const choose = () => (active ? changePlan(active.id, price.id) : createSubscription({ priceId: price.id }));
        return (
          <p key={product.id}>
            {product.name} — {(price.amount / 100).toFixed(2)} {price.currency.toUpperCase()}/{price.interval}{' '}
            <button disabled={current} onClick={choose}>
              {current ? 'Current plan' : `Choose ${product.name}`}
            </button>
          </p>
        );
      })}
    </section>
  );
}

function Billing() {
  const { error, clear } = useSessionToken();
  const { data: customer } = useCustomer();
  const { data: active } = useActiveSubscription();
  const { data: products } = useProducts();
  const { data: entitlements } = useEntitlements();
  if (isBillingOSError(error) && error.statusCode === 401) return <SignIn />;
  if (error) return <p role="alert">{error.message}</p>;
  if (!customer) return <p>Loading…</p>;
  const plan = products?.find((product) => product.id === active?.productId);
  return (
    <>
      <p data-testid="customer">Signed in as {customer.externalUserId ?? customer.externalOrganizationId}</p>
      <button
        onClick={async () => {
          // Sign out first, then clear(): every tab forgets this user's token and billing data.
          await fetch('/auth/logout', { method: 'POST' });
          clear();
        }}
      >
        Sign out
      </button>
      <p data-testid="plan">Plan: {plan?.name ?? 'none'}</p>
      <p data-testid="features">Features: {entitlements?.map((e) => e.featureKey).join(', ') || 'none'}</p>
      <Plans />
    </>
  );
}

export function BillingDashboard({ apiUrl }: { apiUrl: string }) {
  return (
    <BillingOSProvider sessionTokenUrl="/api/billingos-session" apiUrl={apiUrl}>
      <Billing />
    </BillingOSProvider>
  );
}
