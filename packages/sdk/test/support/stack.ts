import { startTestServer, type TestServer } from '@billingos/api/testing';
import { BillingOS } from '@billingos/node';
import { createSessionHandler } from '@billingos/node/helpers/generic';
import { listen, type LocalServer } from './httpServer';

/** One call the SDK made, as the counting `fetch` saw it. */
export interface Call {
  method: string;
  path: string;
  status: number;
  authorization: string | null;
}

/**
 * The real peers of an integration test: a `@billingos/api` server with two products, and a
 * merchant session route built on `@billingos/node` (`createSessionHandler`) that knows the
 * user from a `uid` cookie, as a merchant's backend knows it from its auth cookie.
 */
export interface Stack {
  api: TestServer;
  billing: BillingOS;
  routeUrl: string;
  /** Requests the session route answered. */
  routeRequests: number;
  basic: { productId: string; priceId: string };
  pro: { productId: string; priceId: string };
  /** A `fetch` that sends `uid=<user>` as the browser's cookie jar would, and records every call. */
  browserFetch(user: string): { fetch: typeof fetch; calls: Call[] };
  close(): Promise<void>;
}

export async function startStack(routeOptions: { expiresIn?: number } = {}): Promise<Stack> {
  const api = await startTestServer();
  // The "merchant backend" shares this jsdom realm, where @billingos/node would refuse to run.
  const billing = new BillingOS({ secretKey: api.secretKey, apiUrl: api.url, dangerouslyAllowBrowser: true, maxRetries: 0 });
  const handler = createSessionHandler(
    { billingos: billing, ...routeOptions, allowedOperations: ['read_customer', 'read_subscription', 'read_entitlements', 'manage_subscription'] },
    (request) => {
      const uid = /(?:^|;\s*)uid=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      return uid ? { userId: uid } : null;
    },
  );
  const stack = { routeRequests: 0 } as Stack;
  const route: LocalServer = await listen((req, res) => {
    stack.routeRequests += 1;
    void handler(req, res);
  });
  const product = (name: string, amount: number, featureKeys: string[]) =>
    billing.products.create({ name, featureKeys, prices: [{ amount, currency: 'usd', interval: 'month' }] });
  const [basic, pro] = await Promise.all([product('Basic', 900, ['reports']), product('Pro', 2900, ['reports', 'exports'])]);
  const ids = (p: typeof basic) => ({ productId: p.id, priceId: p.prices[0]!.id });

  return Object.assign(stack, {
    api,
    billing,
    routeUrl: `${route.url}/api/billingos-session`,
    basic: ids(basic),
    pro: ids(pro),
    browserFetch(user: string) {
      const calls: Call[] = [];
      const counting: typeof fetch = async (input, init = {}) => {
        const url = new URL(String(input));
        const headers = new Headers(init.headers);
        if (url.origin === route.url) headers.set('cookie', `uid=${user}`);
        const response = await fetch(url, { ...init, headers });
        if (url.origin === api.url) {
          calls.push({ method: init.method ?? 'GET', path: url.pathname, status: response.status, authorization: headers.get('authorization') });
        }
        return response;
      };
      return { fetch: counting, calls };
    },
    async close() {
      await route.close();
      await api.close();
    },
  });
}

/**
 * A customer with an active subscription to `priceId`, created with the secret key. The customer
 * gets a card first (test-mode `pm_card_visa`): a secret-key subscription to a paid price charges
 * it up front, and without one would start `incomplete`, with no features.
 */
export async function subscribedUser(stack: Stack, userId: string, priceId: string): Promise<string> {
  const customerId = await customerWithCard(stack, userId);
  const subscription = await stack.billing.subscriptions.create({ customerId, priceId });
  if (subscription.status !== 'active') throw new Error(`subscribedUser: the subscription of ${userId} is ${subscription.status}, not active`);
  return customerId;
}

/**
 * A customer with a card on file (test-mode `pm_card_visa`, its default), created with the secret
 * key: what a signed-in customer needs to subscribe to a paid price self-serve, which charges it.
 */
export async function customerWithCard(stack: Stack, userId: string): Promise<string> {
  const customer = await stack.billing.customers.create({ externalUserId: userId });
  await stack.billing.paymentMethods.attach(customer.id, { paymentMethodId: 'pm_card_visa' });
  return customer.id;
}
