import type { GetServerSideProps } from 'next';
import type { BillingState } from '@billingos/node';
import type { InitialToken } from '@billingos/sdk';
import { BillingDashboard } from '../components/billing-dashboard';
import { firstPaint, signedInUserId } from '../lib/billing';

interface Props {
  apiUrl: string;
  error: string | null;
  // null, not undefined: props travel as JSON.
  initialToken: InitialToken | null;
  initialState: BillingState | null;
}

// For a signed-in user the server mints the session token and reads the billing state, so the
// first HTML already shows the plan and the browser fetches nothing to paint. The API URL is read
// at request time, so one build runs against any BillingOS API.
export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, query }) => {
  const userId = await signedInUserId(req, res);
  const initial = userId ? await firstPaint(userId) : null;
  return {
    props: {
      apiUrl: process.env.BILLINGOS_API_URL ?? 'http://localhost:3001',
      error: typeof query.error === 'string' ? query.error : null,
      initialToken: initial?.token ?? null,
      initialState: initial?.state ?? null,
    },
  };
};

export default function Home({ apiUrl, error, initialToken, initialState }: Props) {
  return (
    <main style={{ font: '16px/1.5 system-ui, sans-serif', maxWidth: 880, margin: '2rem auto', padding: '0 1rem' }}>
      <h1>Billing</h1>
      {error ? <p role="alert">{error}</p> : null}
      <BillingDashboard apiUrl={apiUrl} initialToken={initialToken ?? undefined} initialState={initialState ?? undefined} />
    </main>
  );
}
