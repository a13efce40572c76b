import type { GetServerSideProps } from 'next';
import {
  BillingOSProvider,
  isBillingOSError,
  useActiveSubscription,
  useCustomer,
  useEntitlement,
  useSessionToken,
} from '@billingos/sdk';

interface Props {
  apiUrl: string;
  error: string | null;
}

// Read at request time, so one build runs against any BillingOS API.
export const getServerSideProps: GetServerSideProps<Props> = async ({ query }) => ({
  props: { apiUrl: process.env.BILLINGOS_API_URL ?? 'http://localhost:3001', error: typeof query.error === 'string' ? query.error : null },
});

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

function Billing() {
  const { error } = useSessionToken();
  const { data: customer } = useCustomer();
  const { data: subscription, isLoading } = useActiveSubscription();
  const { hasAccess } = useEntitlement('advanced_reports');
  if (isBillingOSError(error) && error.statusCode === 401) return <SignIn />;
  if (error) return <p role="alert">{error.message}</p>;
  if (!customer || isLoading) return <p>Loading…</p>;
  return (
    <>
      <p data-testid="customer">Signed in as {customer.externalUserId ?? customer.externalOrganizationId}</p>
      <p data-testid="subscription">{subscription ? `Subscription: ${subscription.status}` : 'No subscription'}</p>
      <p data-testid="advanced-reports">{hasAccess ? 'Advanced reports: unlocked' : 'Advanced reports: upgrade to unlock'}</p>
    </>
  );
}

export default function Home({ apiUrl, error }: Props) {
  return (
    <main style={{ font: '16px/1.5 system-ui, sans-serif', maxWidth: 640, margin: '2rem auto' }}>
      <h1>Billing</h1>
      {error ? <p role="alert">{error}</p> : null}
      <BillingOSProvider sessionTokenUrl="/api/billingos-session" apiUrl={apiUrl}>
        <Billing />
      </BillingOSProvider>
    </main>
  );
}
