import { act, render } from '@testing-library/react';
import { BillingOSProvider, useCustomer } from '../src/index';

/** Renders a provider with a static token and a fetch that records the URLs the client calls. */
async function requestedUrls(apiUrl?: string): Promise<string[]> {
  const urls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    urls.push(String(input));
    return new Response(JSON.stringify({ id: 'cus_1', object: 'customer' }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  function Customer() {
    useCustomer();
    return null;
  }
  const view = render(
    <BillingOSProvider sessionToken="bos_session_test" apiUrl={apiUrl} fetch={fetch} createChannel={false}>
      <Customer />
    </BillingOSProvider>,
  );
  await act(async () => {
    while (urls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  });
  view.unmount();
  return urls;
}

describe('the API URL: the apiUrl prop, else NEXT_PUBLIC_BILLINGOS_API_URL, else the BillingOS cloud', () => {
  const saved = process.env.NEXT_PUBLIC_BILLINGOS_API_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.NEXT_PUBLIC_BILLINGOS_API_URL;
    else process.env.NEXT_PUBLIC_BILLINGOS_API_URL = saved;
  });

  test('without apiUrl, the provider reads NEXT_PUBLIC_BILLINGOS_API_URL', async () => {
    process.env.NEXT_PUBLIC_BILLINGOS_API_URL = 'http://billing.local:3001/';
    expect(await requestedUrls()).toEqual(['http://billing.local:3001/v1/me']);
  });

  test('an apiUrl prop wins over the environment', async () => {
    process.env.NEXT_PUBLIC_BILLINGOS_API_URL = 'http://billing.local:3001';
    expect(await requestedUrls('https://billing.example.com')).toEqual(['https://billing.example.com/v1/me']);
  });

  test.each([undefined, ''])('with the variable %p, the BillingOS cloud', async (value) => {
    if (value === undefined) delete process.env.NEXT_PUBLIC_BILLINGOS_API_URL;
    else process.env.NEXT_PUBLIC_BILLINGOS_API_URL = value;
    expect(await requestedUrls()).toEqual(['https://api.billingos.dev/v1/me']);
  });

  test('where there is no process (a Vite bundle), nothing throws and the cloud is used', async () => {
    const { process: real } = globalThis;
    // @ts-expect-error: the browser without a process polyfill
    delete globalThis.process;
    try {
      const { envApiUrl } = await import('../src/react/envApiUrl');
      expect(envApiUrl()).toBeUndefined();
    } finally {
      globalThis.process = real;
    }
  });
});
