import type { AuthProvider, BillingOSConfig, SessionOperation } from '@billingos/node';
import type { CanActivate, ModuleMetadata, Type } from '@nestjs/common';

/**
 * What configures the `BillingOS` client: the options `useFactory` / `useClass` return in
 * `forRootAsync()`, and the client part of `forRoot()`.
 */
export interface BillingOSClientOptions {
  /** `sk_test_…` or `sk_live_…`. Server only: it never leaves your backend. */
  secretKey: string;
  /** Base URL of the BillingOS API. @default process.env.BILLINGOS_API_URL, then the hosted API */
  apiUrl?: string;
  /** `whsec_…`: required when `webhooks` is set. @default process.env.BILLINGOS_WEBHOOK_SECRET */
  webhookSecret?: string;
  /** Per-attempt timeout in milliseconds. @default 30_000 */
  timeout?: number;
  /** Retries on network errors, 408, 409, 429 and 5xx; 0 disables. @default 2 */
  maxRetries?: number;
  /** Replaces the HTTP layer (class or instance), e.g. to add tracing. @default FetchTransport */
  transport?: BillingOSConfig['transport'];
  /** Replaces the retry schedule (class or instance). @default ExponentialBackoffRetryPolicy */
  retryPolicy?: BillingOSConfig['retryPolicy'];
}

/**
 * Answers "who is calling?" for the session route. A Nest provider class (it is instantiated by
 * Nest, so it can inject your services) or a ready instance. It receives the framework request
 * (Express or Fastify), so it sees what your guards and middleware set, such as `req.user`.
 */
export type BillingOSAuthProvider = Type<AuthProvider<any>> | AuthProvider<any>;

/** Mounts `GET|POST <path>`, which mints a session token for the logged-in user. */
export interface SessionRouteModuleOptions {
  /** Route path, e.g. `'billingos/session'` (the global prefix applies). */
  path: string;
  /**
   * Guards that run on this route before the `authProvider`, such as `AuthGuard('jwt')`, when
   * your auth guard is not global: whatever they put on the request (`req.user`) is then there.
   */
  guards?: Array<Type<CanActivate> | CanActivate>;
  /** Token lifetime in seconds (60…86400). @default 3600 */
  expiresIn?: number;
  /** Operations the token may perform. @default every `read_*` operation */
  allowedOperations?: SessionOperation[];
  /** Attached to every minted token. */
  metadata?: Record<string, string>;
}

/** Mounts `POST <path>`, which verifies and dispatches BillingOS webhook events. */
export interface WebhooksModuleOptions {
  /** Route path, e.g. `'api/billingos-webhooks'` (the global prefix applies). */
  path: string;
  /** Accepted age of a signature in seconds. @default 300 */
  tolerance?: number;
}

/**
 * Options fixed when the module is declared, because they shape its routes and providers:
 * they sit next to the client options in `forRoot()` and next to `useFactory` in `forRootAsync()`.
 */
export interface BillingOSModuleExtras {
  /** Registers the module globally, so feature modules need not import it. @default false */
  isGlobal?: boolean;
  /** Modules whose exports the `authProvider` class needs (e.g. your `UsersModule`). */
  imports?: ModuleMetadata['imports'];
  /** Required with `sessionRoute`. */
  authProvider?: BillingOSAuthProvider;
  sessionRoute?: SessionRouteModuleOptions;
  webhooks?: WebhooksModuleOptions;
}

/** Everything `BillingOSModule.forRoot()` accepts. */
export type BillingOSModuleOptions = BillingOSClientOptions & BillingOSModuleExtras;
