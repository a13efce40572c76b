import { ConfigurationError } from './errors/ConfigurationError';
import { ConnectionError } from './errors/ConnectionError';
import { AuthenticationError } from './errors/AuthenticationError';
import { errorFromResponse } from './errors/errorFromResponse';
import { isBillingOSError } from './errors/isBillingOSError';
import { assertSession } from './errors/sessionCleared';
import { assertNotSecretKey } from './tokens/assertNotSecretKey';
import { PublishableKeySource } from './tokens/PublishableKeySource';
import { TokenManager, type TokenManagerOptions } from './tokens/TokenManager';
import type { TokenSource } from './tokens/TokenSource';
import type {
  CancelSubscriptionParams,
  ChangePlanParams,
  CreateSubscriptionParams,
  Customer,
  Entitlement,
  EntitlementCheck,
  List,
  Product,
  Subscription,
  UpdateSubscriptionParams,
} from './types';

export interface BillingOSClientOptions extends TokenManagerOptions {
  /**
   * The BillingOS API's base URL.
   * @default 'https://api.billingos.dev'
   */
  apiUrl?: string;
  /** Where session tokens come from (recommended); wins over `publishableKey`. */
  tokenSource?: TokenSource;
  /** Legacy mode: a publishable key `pk_…`, used only when there is no `tokenSource`. */
  publishableKey?: string;
  /** Legacy mode: the customer whose read-only billing a publishable key shows (`BillingOS-Customer`). */
  customerId?: string;
  /**
   * A publishable key `pk_…` that reads the products while no one is signed in (the token source
   * answers 401, or there is none), so a public pricing page shows the plans. Sent with that read only.
   */
  catalogKey?: string;
  /**
   * The `fetch` to call the API with (a polyfill, or Node's in tests).
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
}

/**
 * A framework-free client for everything a session token may do. The React hooks use it; use it
 * directly anywhere else (Vue, Svelte, vanilla).
 *
 * @example
 * const client = new BillingOSClient({
 *   apiUrl: 'https://billing.example.com',
 *   tokenSource: new UrlTokenSource('/api/billingos-session'),
 * });
 * const subscriptions = await client.listSubscriptions();
 */
export class BillingOSClient {
  /** Keeps the session token fresh; `useSessionToken()` reads it. */
  readonly tokens: TokenManager;
  readonly #apiUrl: string;
  readonly #customerId: string | undefined;
  readonly #catalogKey: string | undefined;
  readonly #fetch: typeof fetch | undefined;

  constructor(options: BillingOSClientOptions) {
    const { tokenSource, publishableKey, catalogKey } = options;
    if (publishableKey) assertNotSecretKey(publishableKey);
    if (catalogKey) assertNotSecretKey(catalogKey);
    const source = tokenSource ?? (publishableKey ? new PublishableKeySource(publishableKey) : catalogKey ? signedOut : undefined);
    if (!source) {
      throw new ConfigurationError({
        code: 'missing_credentials',
        message: 'BillingOS needs credentials: pass sessionTokenUrl (recommended), sessionToken, tokenSource, or apiKey (pk_…) with customerId.',
      });
    }
    this.tokens = new TokenManager(source, options);
    this.#apiUrl = (options.apiUrl ?? 'https://api.billingos.dev').replace(/\/+$/, '');
    this.#customerId = options.customerId;
    this.#catalogKey = catalogKey;
    this.#fetch = options.fetch;
  }

  /** The `Authorization` header value: the session token if there is one, else the publishable key. */
  async getAuthHeader(): Promise<string> {
    return `Bearer ${await this.tokens.getToken()}`;
  }

  /** The customer the session token belongs to (`read_customer`). */
  getCustomer(): Promise<Customer> {
    return this.request('GET', '/v1/me');
  }

  /** The customer's subscriptions, newest first (`read_subscription`). */
  listSubscriptions(): Promise<List<Subscription>> {
    return this.request('GET', '/v1/me/subscriptions?limit=100');
  }

  /** The features the customer's active and trialing subscriptions grant (`read_entitlements`). */
  listEntitlements(): Promise<List<Entitlement>> {
    return this.request('GET', '/v1/me/entitlements');
  }

  /**
   * Whether the customer may use `featureKey` now, with at least `requiredBalance` (default 1) left
   * of a metered feature (`read_entitlements`). Never counts usage: that is your server's job.
   */
  checkEntitlement(featureKey: string, requiredBalance?: number): Promise<EntitlementCheck> {
    return this.request('POST', '/v1/me/entitlements/check', { featureKey, requiredBalance });
  }

  /** The merchant's products with their prices; while no one is signed in, read with the `catalogKey`. */
  listProducts(): Promise<List<Product>> {
    return this.request('GET', '/v1/products?limit=100', undefined, true);
  }

  /** Subscribes the customer to a price (`manage_subscription`). */
  createSubscription(params: CreateSubscriptionParams): Promise<Subscription> {
    return this.request('POST', '/v1/me/subscriptions', params);
  }

  /** Moves a subscription to another price, now or at the period end (`effective`) (`manage_subscription`). */
  changePlan(subscriptionId: string, params: ChangePlanParams): Promise<Subscription> {
    return this.updateSubscription(subscriptionId, params);
  }

  /**
   * Any self-serve change of a subscription (`manage_subscription`): a plan change, dropping a
   * scheduled one (`{ scheduledChange: null }`), or resuming a canceling one (`{ cancelAtPeriodEnd: false }`).
   *
   * @example
   * await client.updateSubscription(subscription.id, { cancelAtPeriodEnd: false });
   */
  updateSubscription(subscriptionId: string, params: UpdateSubscriptionParams): Promise<Subscription> {
    return this.request('PATCH', `/v1/me/subscriptions/${encodeURIComponent(subscriptionId)}`, params);
  }

  /** Cancels now, or at the end of the period with `{ atPeriodEnd: true }` (`manage_subscription`). */
  cancelSubscription(subscriptionId: string, params: CancelSubscriptionParams = {}): Promise<Subscription> {
    return this.request('POST', `/v1/me/subscriptions/${encodeURIComponent(subscriptionId)}/cancel`, params);
  }

  /**
   * Any API call with the session token, for endpoints this client has no method for (the
   * `@billingos/sdk/checkout` entry's are made this way): JSON in and out, an `Idempotency-Key` on
   * every POST, one forced token refresh and retry on a 401, and a failure thrown as its
   * `BillingOSError`. The call stays within the session it began in: `clear()` (a sign-out) aborts
   * it, and whatever it would have answered becomes a `session_cleared` error, so no caller gets the
   * old user's data and no write runs with the next user's token. `catalog`: while no one is signed
   * in, send the `catalogKey` instead (what `listProducts()` does).
   *
   * @example
   * const { data } = await client.request<{ data: { id: string; status: string }[] }>('GET', '/v1/me/invoices');
   */
  async request<T>(method: string, path: string, body?: object, catalog = false): Promise<T> {
    const session = this.tokens.signal;
    try {
      const result = await this.#attempt<T>(session, method, path, body, catalog);
      assertSession(session);
      return result;
    } catch (error) {
      assertSession(session);
      throw error;
    }
  }

  async #attempt<T>(session: AbortSignal, method: string, path: string, body: object | undefined, catalog: boolean): Promise<T> {
    const idempotencyKey = method === 'POST' ? randomKey() : undefined;
    let token = await this.tokens.getToken().catch((error: unknown) => {
      if (catalog && this.#catalogKey && isBillingOSError(error, 'authentication_error')) return this.#catalogKey;
      throw error;
    });
    assertSession(session);
    let response = await this.#send(session, method, path, token, body, idempotencyKey);
    if (response.status === 401 && !token.startsWith('pk_')) {
      assertSession(session);
      token = await this.tokens.rejected(token);
      assertSession(session);
      response = await this.#send(session, method, path, token, body, idempotencyKey);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return (await response.json()) as T;
  }

  #send(session: AbortSignal, method: string, path: string, token: string, body?: object, idempotencyKey?: string): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (token.startsWith('pk_') && this.#customerId) headers['billingos-customer'] = this.#customerId;
    const url = this.#apiUrl + path;
    return (this.#fetch ?? fetch)(url, { method, headers, body: body && JSON.stringify(body), signal: session }).catch((cause: unknown) => {
      throw new ConnectionError({
        message: `Could not reach the BillingOS API for ${method} ${url} (${String(cause)}). Check apiUrl, the network, and that the API allows this origin (CORS).`,
        cause,
      });
    });
  }
}

/** The token source of a client with a catalog key only: no one is ever signed in. */
const signedOut = {
  getToken: () =>
    Promise.reject(
      new AuthenticationError({ code: 'signed_out', message: 'No one is signed in (a publishable key only).' }),
    ),
};

function randomKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
