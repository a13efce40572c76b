// The merchant's checkout page, rendered in the browser: the embedded <Checkout> inside the provider.
import { createRoot } from 'react-dom/client';
import { BillingOSProvider } from '../../../src/index';
import { Checkout } from '../../../src/checkout';

export interface CheckoutPageProps {
  apiUrl: string;
  priceId: string;
  theme: 'light' | 'dark';
}

declare global {
  interface Window {
    CHECKOUT_PAGE_PROPS: CheckoutPageProps;
  }
}

const { apiUrl, priceId, theme } = window.CHECKOUT_PAGE_PROPS;
createRoot(document.getElementById('root')!).render(
  <BillingOSProvider sessionTokenUrl="/api/billingos-session" apiUrl={apiUrl}>
    <main className={`page page-${theme}`}>
      <h1>Upgrade to Team</h1>
      <Checkout priceId={priceId} successUrl="/welcome" appearance={{ theme }} locale="en-US" />
    </main>
  </BillingOSProvider>,
);
