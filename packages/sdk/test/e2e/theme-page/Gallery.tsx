// The pages of the theme suite: each ready-made component on a light or a dark page, in a theme.
import { createRoot } from 'react-dom/client';
import { BillingOSProvider } from '../../../src/index';
import { BillingPortal, PricingTable, UsageMeter, type Appearance } from '../../../src/ui';

export interface GalleryProps {
  apiUrl: string;
  publishableKey: string;
  page: 'light' | 'dark';
  theme: NonNullable<Appearance['theme']>;
}

declare global {
  interface Window {
    GALLERY: GalleryProps;
  }
}

function Gallery({ apiUrl, publishableKey, page, theme }: GalleryProps) {
  const options = { appearance: { theme }, locale: 'en-US', timeZone: 'UTC', signInUrl: '/sign-in' } as const;
  return (
    <BillingOSProvider sessionTokenUrl="/api/billingos-session" publishableKey={publishableKey} apiUrl={apiUrl}>
      <main className={`page page-${page}`}>
        <h1>Acme Analytics</h1>
        <section id="pricing" aria-labelledby="pricing-title">
          <h2 id="pricing-title">Pricing</h2>
          <PricingTable {...options} />
        </section>
        <section id="portal" aria-label="Account">
          <BillingPortal {...options} />
        </section>
        <aside id="sidebar" aria-label="Sidebar">
          <h2 className="sidebar-title">Your usage</h2>
          <UsageMeter feature="ai_credits" {...options} />
        </aside>
      </main>
    </BillingOSProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Gallery {...window.GALLERY} />);
