import { inject, injectable, rootContainer, tokenOf } from './internal/di';
import { AuthProvider } from './auth/auth-provider';
import { resolveConfig } from './config/resolve-config';
import { registerProviders } from './config/register-defaults';
import { ConfigurationError } from './errors/configuration-error';
import { getBillingState } from './resources/billing-state';
import { Customers } from './resources/customers';
import { Entitlements } from './resources/entitlements';
import { Products } from './resources/products';
import { SessionTokens } from './resources/session-tokens';
import { Subscriptions } from './resources/subscriptions';
import { TestClocks } from './resources/test-clocks';
import { PaymentMethods } from './resources/payment-methods';
import { Invoices } from './resources/invoices';
import { CheckoutSessions } from './resources/checkout-sessions';
import { Usage } from './resources/usage';
import { Events } from './resources/events';
import { WebhookEndpoints } from './resources/webhook-endpoints';
import { toNodeHandler } from './session-route/node-adapter';
import { CryptoProvider } from './webhooks/crypto-provider';
import { Webhooks } from './webhooks/webhooks';
import { sessionRoute } from './session-route/session-route';
import type { BillingOSPlugin } from './billing-os-plugin';
import type { BillingOSConfig } from './config/billing-os-config';
import type { AbstractToken, DependencyContainer } from './internal/di';
import type { RequestOptions } from './http/request-options';
import type { BillingState, BillingStateParams } from './resources/billing-state';
import type { CreateSessionTokenParams, SessionToken } from './resources/session-tokens';
import type { SessionHandler } from './session-route/node-adapter';
import type { SessionRoute } from './session-route/session-route';
import type { SessionRouteOptions } from './session-route/session-route-options';
import type { RawBody } from './webhooks/raw-body';
import type { HeadersLike } from './webhooks/webhook-headers';

/** The resources, built from the container; rebuilt by `use()` so plugins take effect. */
@injectable()
class Services {
  constructor(
    @inject(SessionTokens) readonly sessionTokens: SessionTokens,
    @inject(Customers) readonly customers: Customers,
    @inject(Products) readonly products: Products,
    @inject(Subscriptions) readonly subscriptions: Subscriptions,
    @inject(Entitlements) readonly entitlements: Entitlements,
    @inject(Usage) readonly usage: Usage,
    @inject(TestClocks) readonly testClocks: TestClocks,
    @inject(WebhookEndpoints) readonly webhookEndpoints: WebhookEndpoints,
    @inject(Events) readonly events: Events,
    @inject(PaymentMethods) readonly paymentMethods: PaymentMethods,
    @inject(Invoices) readonly invoices: Invoices,
    @inject(CheckoutSessions) readonly checkoutSessions: CheckoutSessions,
  ) {}
}

/**
 * The BillingOS server SDK. Each instance owns a tsyringe child container, so two
 * instances (two merchants, test and live) never share a transport, policy or key.
 *
 * @example
 * import { BillingOS } from '@billingos/node';
 * const billing = new BillingOS({ secretKey: process.env.BILLINGOS_SECRET_KEY });
 * const { sessionToken } = await billing.createSessionToken({ externalUserId: user.id });
 */
export class BillingOS {
  readonly #container: DependencyContainer;
  readonly #webhookSecret: string | undefined;
  #services: Services;
  #webhooks: Webhooks | undefined;

  constructor(config: BillingOSConfig = {}) {
    const resolved = resolveConfig(config);
    this.#container = rootContainer.createChildContainer();
    this.#webhookSecret = resolved.webhookSecret;
    registerProviders(this.#container, resolved, config);
    this.#services = this.#container.resolve(Services);
  }

  get sessionTokens(): SessionTokens {
    return this.#services.sessionTokens;
  }

  get customers(): Customers {
    return this.#services.customers;
  }

  get products(): Products {
    return this.#services.products;
  }

  get subscriptions(): Subscriptions {
    return this.#services.subscriptions;
  }

  get entitlements(): Entitlements {
    return this.#services.entitlements;
  }

  get usage(): Usage {
    return this.#services.usage;
  }

  /** Test mode only: clocks you move by hand to run trials, renewals and scheduled changes. */
  get testClocks(): TestClocks {
    return this.#services.testClocks;
  }

  /** Where BillingOS sends your events: register, rotate secrets, inspect delivery attempts. */
  get webhookEndpoints(): WebhookEndpoints {
    return this.#services.webhookEndpoints;
  }

  /** The events of the key's mode, newest first, and their redelivery to an endpoint. */
  get events(): Events {
    return this.#services.events;
  }

  /** A customer's saved cards (brand, last4, expiry) and which one is the default. */
  get paymentMethods(): PaymentMethods {
    return this.#services.paymentMethods;
  }

  /** Invoices: what each customer was billed and paid. */
  get invoices(): Invoices {
    return this.#services.invoices;
  }

  /** Checkout pages where buyers pay and subscribe, or save a card. */
  get checkoutSessions(): CheckoutSessions {
    return this.#services.checkoutSessions;
  }

  /** Webhook verification with this instance's `webhookSecret` (and a `CryptoProvider` a plugin registered, if any). */
  get webhooks(): Webhooks {
    this.#webhooks ??= new Webhooks({ secret: this.#webhookSecret, cryptoProvider: this.#registered(CryptoProvider) });
    return this.#webhooks;
  }

  /**
   * Whether a delivery's `billingos-signature` (or its headers) is valid and fresh. Pass the
   * raw body exactly as received. Sync (node:crypto); on Edge use `webhooks.constructEventAsync`.
   *
   * @example
   * if (!billing.verifyWebhook(req.body, req.headers['billingos-signature'])) return res.sendStatus(400);
   */
  verifyWebhook(rawBody: RawBody, signature: string | HeadersLike): boolean {
    return this.webhooks.verify(rawBody, signature);
  }

  /** This instance's container, for plugins and advanced wiring (never tsyringe's global one). */
  get container(): DependencyContainer {
    return this.#container;
  }

  /**
   * Mints a session token for one of your users (`sessionTokens.create`).
   *
   * @example
   * const { sessionToken, expiresAt } = await billing.createSessionToken({ externalUserId: 'user_123' });
   */
  createSessionToken(params: CreateSessionTokenParams, options?: RequestOptions): Promise<SessionToken> {
    return this.#services.sessionTokens.create(params, options);
  }

  /**
   * A customer's billing as the React components show it — customer (`null` if unknown; nothing
   * is created), subscriptions, entitlements, products — for `<BillingOSProvider initialState>`.
   *
   * @example
   * const initialState = await billing.getBillingState({ externalUserId: user.id });
   */
  getBillingState(params: BillingStateParams, options?: RequestOptions): Promise<BillingState> {
    return getBillingState(this.#services, params, options);
  }

  /**
   * Lets a plugin register providers (Transport, RetryPolicy, AuthProvider…) in this
   * instance's container. Call it before making requests.
   *
   * @example
   * billing.use(supabasePlugin({ supabaseUrl, supabaseAnonKey }));
   */
  use(plugin: BillingOSPlugin): this {
    plugin.register(this.#container);
    this.#services = this.#container.resolve(Services);
    this.#webhooks = undefined;
    return this;
  }

  /**
   * A Web-standard session route `(Request) => Promise<Response>` that asks the registered
   * `AuthProvider` who is logged in and answers `{ sessionToken, expiresAt }`.
   *
   * @example
   * // app/api/billingos-session/route.ts
   * export const GET = billing.createSessionRoute({ expiresIn: 900 });
   */
  createSessionRoute(options?: SessionRouteOptions): SessionRoute {
    return sessionRoute(() => ({ sessionTokens: this.sessionTokens, auth: this.#authProvider() }), options);
  }

  /**
   * The Node `(req, res)` variant of {@link createSessionRoute} (Express, Pages Router; Fastify:
   * `toFastifyHandler(billing.createSessionRoute())`).
   *
   * @example
   * app.get('/api/billingos-session', billing.createSessionHandler());
   */
  createSessionHandler(options?: SessionRouteOptions): SessionHandler {
    return toNodeHandler(this.createSessionRoute(options));
  }

  #registered<T>(token: AbstractToken<T>): T | undefined {
    const injectionToken = tokenOf(token);
    return this.#container.isRegistered(injectionToken, true) ? this.#container.resolve(injectionToken) : undefined;
  }

  #authProvider(): AuthProvider<Request> {
    const provider = this.#registered<AuthProvider<Request>>(AuthProvider);
    if (provider) return provider;
    throw new ConfigurationError({
      code: 'missing_auth_provider',
      message:
        'createSessionRoute() needs to know who is logged in: pass `authProvider` to new BillingOS(), ' +
        'use a plugin such as @billingos/supabase, or use createSessionRoute(config, extractUser) from @billingos/node/helpers/generic.',
    });
  }
}
