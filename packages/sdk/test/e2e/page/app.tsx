// The page under test: a merchant's billing dashboard on @billingos/sdk, bundled by esbuild.
import { createRoot } from 'react-dom/client';
import {
  BillingOSProvider,
  useActiveSubscription,
  useCustomer,
  useEntitlement,
  useProducts,
  useSessionToken,
  useSubscriptions,
} from '../../../src/index';

declare global {
  interface Window {
    BILLINGOS_API_URL: string;
  }
}

function Dashboard() {
  const { data: customer, error } = useCustomer();
  const { data: subscription } = useActiveSubscription();
  const { hasAccess } = useEntitlement('exports');
  const { data: products } = useProducts();
  const { refetch } = useSubscriptions();
  const { token, expiresAt } = useSessionToken();
  return (
    <main>
      <p id="customer">{customer?.externalUserId ?? (error ? `error: ${error.message}` : 'loading')}</p>
      <p id="plan">{subscription === undefined ? 'loading' : (subscription?.productId ?? 'none')}</p>
      <p id="exports">{String(hasAccess)}</p>
      <p id="products">{products?.length ?? 'loading'}</p>
      <p id="token">{token ? token.slice(-12) : 'none'}</p>
      <p id="expires">{expiresAt?.toISOString() ?? ''}</p>
      <button id="refetch" onClick={() => void refetch()}>
        refetch
      </button>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <BillingOSProvider sessionTokenUrl="/api/billingos-session" apiUrl={window.BILLINGOS_API_URL}>
    <Dashboard />
  </BillingOSProvider>,
);
