/** @jest-environment node */
import { JSDOM } from 'jsdom';
import { renderToString } from 'react-dom/server';

test('importing and server-rendering <Checkout> touch no window or document, and render the preparing state without a form', async () => {
  expect(typeof window).toBe('undefined');
  const { BillingOSProvider } = await import('../../src/index');
  const { Checkout } = await import('../../src/checkout');
  const html = renderToString(
    <BillingOSProvider sessionTokenUrl="/api/billingos-session" apiUrl="http://127.0.0.1:1">
      <Checkout priceId="price_1" appearance={{ theme: 'dark', variables: { colorPrimary: '#7c3aed' } }} />
    </BillingOSProvider>,
  );
  expect(typeof window).toBe('undefined');
  const section = new JSDOM(html).window.document.querySelector('section')!;
  expect(section.className).toBe('billingos-root billingos-checkout');
  expect(section.getAttribute('data-billingos-theme')).toBe('dark');
  expect(section.getAttribute('style')).toBe('--billingos-color-primary:#7c3aed');
  expect(section.querySelector('[role="status"]')!.textContent).toBe('Preparing checkout…');
  // No card field exists before the page's script runs (the session is made in the browser).
  expect(section.querySelector('input, form')).toBeNull();
});
