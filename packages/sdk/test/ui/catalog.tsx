import { cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { BillingOSProvider, type BillingOSProviderProps } from '../../src/index';
import { startStack, type Stack } from '../support/stack';

/**
 * The plans the UI tests sell: monthly and yearly prices, boolean and metered features (some with
 * a display name, some shown by their key), one with a trial.
 */
export async function createCatalog(stack: Stack) {
  const { billing } = stack;
  const [starter, team] = await Promise.all([
    billing.products.create({
      name: 'Starter',
      description: 'For side projects',
      features: [
        { key: 'reports', type: 'boolean' },
        { key: 'ai_credits', name: 'AI credits', type: 'metered', limit: 100, reset: 'period' },
      ],
      prices: [
        { amount: 900, currency: 'usd', interval: 'month' },
        { amount: 9000, currency: 'usd', interval: 'year' },
      ],
    }),
    billing.products.create({
      name: 'Team',
      description: 'For growing teams',
      features: [
        { key: 'reports', type: 'boolean' },
        { key: 'exports', name: 'Data exports', type: 'boolean' },
        { key: 'ai_credits', name: 'AI credits', type: 'metered', limit: 1000, reset: 'period' },
        { key: 'storage', type: 'metered', limit: null, reset: 'never' },
      ],
      prices: [
        { amount: 2900, currency: 'usd', interval: 'month', trialDays: 14 },
        { amount: 29000, currency: 'usd', interval: 'year' },
      ],
    }),
  ]);
  const price = (product: typeof starter, interval: 'month' | 'year') => product.prices.find((p) => p.interval === interval)!.id;
  return {
    starter: { id: starter.id, monthly: price(starter, 'month'), yearly: price(starter, 'year') },
    team: { id: team.id, monthly: price(team, 'month'), yearly: price(team, 'year') },
  };
}

export type Catalog = Awaited<ReturnType<typeof createCatalog>>;

/**
 * One real API stack with the catalog for the calling test file, started before its tests and
 * closed after them; the rendered UI is unmounted after each test. Read `stack` and `catalog`
 * inside tests.
 */
export function withCatalogStack(): { readonly stack: Stack; readonly catalog: Catalog } {
  let stack: Stack | undefined;
  let catalog: Catalog | undefined;
  beforeAll(async () => {
    stack = await startStack();
    catalog = await createCatalog(stack);
  }, 120_000);
  afterAll(() => stack?.close());
  afterEach(cleanup);
  return {
    get stack() {
      return stack!;
    },
    get catalog() {
      return catalog!;
    },
  };
}

/** Renders `ui` inside a provider signed in as `user` (or signed out) against the stack's API; `provider` adds props. */
export function renderSignedIn(stack: Stack, user: string | null, ui: ReactNode, provider: Partial<BillingOSProviderProps> = {}) {
  const { fetch, calls } = stack.browserFetch(user ?? '');
  const result = render(
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={fetch} createChannel={false} {...provider}>
      {ui}
    </BillingOSProvider>,
  );
  return { ...result, calls };
}

/**
 * The customer of `user` (created unless a session token already did), given a card (test-mode
 * `pm_card_visa`) unless it has one, and subscribed to `priceId` with the secret key (trial as the
 * price says): a paid price without a trial is charged to that card at once and starts `active`.
 */
export async function subscribe(stack: Stack, user: string, priceId: string) {
  const [existing] = (await stack.billing.customers.list({ externalUserId: user })).data;
  const customer = existing ?? (await stack.billing.customers.create({ externalUserId: user }));
  if ((await stack.billing.paymentMethods.list(customer.id)).data.length === 0) {
    await stack.billing.paymentMethods.attach(customer.id, { paymentMethodId: 'pm_card_visa' });
  }
  const subscription = await stack.billing.subscriptions.create({ customerId: customer.id, priceId });
  return { customerId: customer.id, subscription };
}

/** The date as the components show it in tests (`locale="en-US"`, `timeZone="UTC"`). */
export const shownDate = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
