/** @jest-environment node */
import { renderToString } from 'react-dom/server';

test('importing and server-rendering touch no window or document, and render the loading state', async () => {
  expect(typeof window).toBe('undefined');
  const { BillingOSProvider, useActiveSubscription, useEntitlement, useSessionToken } = await import('../src/index');
  function Page() {
    const { data, isLoading } = useActiveSubscription();
    const { hasAccess } = useEntitlement('exports');
    const { token } = useSessionToken();
    return <p>{`${isLoading ? 'loading' : String(data)} ${hasAccess} ${token ?? 'no-token'}`}</p>;
  }
  const html = renderToString(
    <BillingOSProvider sessionTokenUrl="/api/billingos-session" apiUrl="http://127.0.0.1:1">
      <Page />
    </BillingOSProvider>,
  );
  expect(html).toBe('<p>loading false no-token</p>');
});
