import { BillingDashboard } from './billing-dashboard';

// The API URL is read at request time, so one build runs against any BillingOS API.
export const dynamic = 'force-dynamic';

export default async function Page({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <main>
      <h1>Billing</h1>
      {error ? <p role="alert">{error}</p> : null}
      <BillingDashboard apiUrl={process.env.BILLINGOS_API_URL ?? 'http://localhost:3001'} />
    </main>
  );
}
