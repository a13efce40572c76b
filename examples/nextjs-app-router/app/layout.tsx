import type { ReactNode } from 'react';
import '@billingos/sdk/ui/styles.css';

export const metadata = { title: 'BillingOS example — Next.js App Router + Supabase' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ font: '16px/1.5 system-ui, sans-serif', maxWidth: 880, margin: '2rem auto', padding: '0 1rem' }}>
        {children}
      </body>
    </html>
  );
}
