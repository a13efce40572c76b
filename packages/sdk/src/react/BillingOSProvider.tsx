'use client';
import { useEffect, useMemo, type ReactNode } from 'react';
import { BillingOSClient } from '../core/BillingOSClient';
import { QueryCache, type InitialState } from '../core/query/QueryCache';
import { assertNotSecretKey } from '../core/tokens/assertNotSecretKey';
import { StaticTokenSource } from '../core/tokens/StaticTokenSource';
import type { TokenManagerOptions } from '../core/tokens/TokenManager';
import type { TokenSource } from '../core/tokens/TokenSource';
import { UrlTokenSource } from '../core/tokens/UrlTokenSource';
import { BillingOSContext } from './BillingOSContext';
import { envApiUrl } from './envApiUrl';
import { envPublishableKey } from './envPublishableKey';
import { warnLegacyOnce } from './warnLegacyOnce';

/**
 * Give exactly one credential: `sessionTokenUrl` (recommended), `sessionToken`, `tokenSource`, or
 * legacy `apiKey` + `customerId`; add `publishableKey` to show the plans to signed-out visitors.
 */
export interface BillingOSProviderProps extends TokenManagerOptions {
  /** Your backend route that answers `{ sessionToken, expiresAt }` (GET, with the page's cookies). */
  sessionTokenUrl?: string;
  /** A session token you already have; it is not refreshed. */
  sessionToken?: string;
  /** Your own strategy for getting tokens. */
  tokenSource?: TokenSource;
  /** Legacy, less secure: a publishable key `pk_…`; needs `customerId`. */
  apiKey?: string;
  /** Legacy: the BillingOS customer id whose billing `apiKey` shows. */
  customerId?: string;
  /**
   * A publishable key `pk_…` for signed-out visitors: while the session route answers 401 (or
   * there is no session credential), the products are read with it, so `<PricingTable>` shows the
   * plans on a public pricing page. Sent with that read only, never to `/v1/me…`.
   * @default process.env.NEXT_PUBLIC_BILLINGOS_PUBLISHABLE_KEY
   */
  publishableKey?: string;
  /**
   * The BillingOS API's base URL. Without it, `process.env.NEXT_PUBLIC_BILLINGOS_API_URL` (inlined by
   * Next.js at build time), else the BillingOS cloud.
   * @default process.env.NEXT_PUBLIC_BILLINGOS_API_URL ?? 'https://api.billingos.dev'
   */
  apiUrl?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Billing your server already read (`billing.getBillingState()` in `@billingos/node`): the hooks
   * start with it, so the first render (server and browser alike) is filled and fetches nothing.
   * Read when the provider is created; later changes are ignored.
   */
  initialState?: InitialState;
  children?: ReactNode;
}

/**
 * Makes billing data available to the hooks below it, and keeps the session token fresh.
 *
 * @example
 * // apiUrl: NEXT_PUBLIC_BILLINGOS_API_URL, else the BillingOS cloud
 * <BillingOSProvider sessionTokenUrl="/api/billingos-session">
 *   <App />
 * </BillingOSProvider>
 * // A public pricing page: signed-out visitors see the plans (read with the publishable key).
 * <BillingOSProvider sessionTokenUrl="/api/billingos-session" publishableKey="pk_live_…">
 * // Filled on the first render: a token and the billing state read on the server.
 * <BillingOSProvider sessionTokenUrl="/api/billingos-session" initialToken={token} initialState={state}>
 */
export function BillingOSProvider(props: BillingOSProviderProps): ReactNode {
  const { sessionTokenUrl, sessionToken, tokenSource, apiKey, customerId, publishableKey, apiUrl, fetch } = props;
  const value = useMemo(() => {
    const client = new BillingOSClient({
      ...props,
      apiUrl: apiUrl ?? envApiUrl(),
      tokenSource: sourceOf(props),
      publishableKey: apiKey,
      catalogKey: publishableKey ?? envPublishableKey(),
    });
    return { client, cache: new QueryCache(client, props.initialState) };
    // The other props (options, children) do not change which credentials or API are used.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionTokenUrl, sessionToken, tokenSource, apiKey, customerId, publishableKey, apiUrl, fetch]);
  useEffect(() => value.client.tokens.start(), [value]);
  return <BillingOSContext.Provider value={value}>{props.children}</BillingOSContext.Provider>;
}

function sourceOf({ sessionTokenUrl, sessionToken, tokenSource, apiKey, fetch }: BillingOSProviderProps): TokenSource | undefined {
  if (sessionToken) assertNotSecretKey(sessionToken);
  if (apiKey) {
    assertNotSecretKey(apiKey);
    if (!sessionTokenUrl && !sessionToken && !tokenSource) warnLegacyOnce();
  }
  if (tokenSource) return tokenSource;
  if (sessionTokenUrl) return new UrlTokenSource(sessionTokenUrl, { fetch });
  return sessionToken ? new StaticTokenSource(sessionToken) : undefined;
}
