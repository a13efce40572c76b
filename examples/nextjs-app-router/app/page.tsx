import { firstPaint, signedInUserId } from '../lib/billing';
import { BillingDashboard } from './billing-dashboard';

// The API URL is read at request time, so one build runs against any BillingOS API.
export const dynamic = 'force-dynamic';

// A server component: for a signed-in user it mints the session token and reads the billing
// state here, so the first HTML already shows the plan and the browser fetches nothing to paint.
export default async function Page({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const userId = await signedInUserId();
  const initial = userId ? await firstPaint(userId) : null;
  return (
    <main>
      <h1>Billing</h1>
      {error ? <p role="alert">{error}</p> : null}
      <BillingDashboard apiUrl={process.env.BILLINGOS_API_URL ?? 'http://localhost:3001'} initialToken={initial?.token} initialState={initial?.state} />
    </main>
  );
}
