/** @jest-environment node */
import { JSDOM } from 'jsdom';
import { renderToString } from 'react-dom/server';

test('importing and server-rendering every component touch no window or document, and render the loading state', async () => {
  expect(typeof window).toBe('undefined');
  const { BillingOSProvider } = await import('../../src/index');
  const { BillingPortal, Paywall, PricingTable, Protect, UsageMeter } = await import('../../src/ui');
  const html = renderToString(
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
  expect(typeof window).toBe('undefined');

  // Read the HTML as a browser would (a separate document: the test's realm stays window-free).
  const page = new JSDOM(html).window.document.body;
  const shown = [...page.children].map((element) => ({
    tag: element.tagName.toLowerCase(),
    className: element.className,
    theme: element.getAttribute('data-billingos-theme'),
  }));
  // The table, the portal (themed), the meter, Protect's `loading`; the paywall shows nothing until the entitlement is known.
  expect(shown).toEqual([
    { tag: 'section', className: 'billingos-root billingos-pricing-table', theme: 'auto' },
    { tag: 'section', className: 'billingos-root billingos-portal', theme: 'dark' },
    { tag: 'div', className: 'billingos-root billingos-usage-meter', theme: 'auto' },
    { tag: 'p', className: '', theme: null },
  ]);
  const [table, portal, meter, protect] = page.children;
  for (const loading of [table!, portal!]) {
    expect([...loading.querySelectorAll('[role="status"]')].map((status) => status.textContent)).toEqual(['Loading billing…']);
    expect(loading.textContent).toBe('Loading billing…');
  }
  expect(portal!.getAttribute('aria-label')).toBe('Billing');
  expect(portal!.getAttribute('style')).toBe('--billingos-color-primary:#7c3aed');
  expect(meter!.querySelector('[aria-busy="true"]')).not.toBeNull();
  expect(meter!.querySelector('[role="meter"]')).toBeNull();
  expect(meter!.querySelector('.billingos-meter-value')?.textContent).toBe('…');
  expect(protect!.outerHTML).toBe('<p>loading</p>');
  expect(page.textContent).not.toMatch(/children|fallback/);
});
