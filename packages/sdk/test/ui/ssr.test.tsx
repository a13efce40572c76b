/** @jest-environment node */
import { renderToString } from 'react-dom/server';

test('importing and server-rendering every component touch no window or document, and render the loading state', async () => {
  expect(typeof window).toBe('undefined');
  const { BillingOSProvider } = await import('../../src/index');
  const { BillingPortal, Paywall, PricingTable, Protect, UsageMeter } = await import('../../src/ui');
  const page = () =>
    renderToString(
      <BillingOSProvider sessionTokenUrl="/api/billingos-session" apiUrl="http://127.0.0.1:1">
        <PricingTable />
        <BillingPortal appearance={{ theme: 'dark', variables: { colorPrimary: '#7c3aed' } }} />
        <UsageMeter feature="ai_credits" />
        <Protect feature="exports" fallback={<p>fallback</p>} loading={<p>loading</p>}>
          <p>children</p>
        </Protect>
        <Paywall feature="exports" />
      </BillingOSProvider>,
    );
  const html = page();
  expect(html).toBe(page());
  expect(html.match(/Loading billing…/g)).toHaveLength(2);
  expect(html).toContain('<section class="billingos-root billingos-pricing-table" data-billingos-theme="auto">');
  expect(html).toContain('data-billingos-theme="dark" style="--billingos-color-primary:#7c3aed"');
  expect(html).toContain('<p>loading</p>');
  expect(html).not.toContain('children');
});
