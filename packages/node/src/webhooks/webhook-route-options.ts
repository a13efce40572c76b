import type { CryptoProvider } from './crypto-provider';
import type { BillingOSEventOfType, BillingOSEventType } from './webhook-event';
import type { WebhookEventStore } from './webhook-event-store';

/** A handler per event type; a type without one is acknowledged (200) and skipped. */
export type WebhookEventHandlers = {
  [TType in BillingOSEventType]?: (event: BillingOSEventOfType<TType>) => unknown;
};

/** Where the route reports what only the server should see (a misconfiguration, a handler's error). */
export interface WebhookRouteLogger {
  error(...args: unknown[]): void;
}

/** Options of `createWebhookRoute()` / `createWebhookHandler()`. */
export interface WebhookRouteOptions {
  /**
   * The endpoint's `whsec_…` secret (read on the first request, so a build without it succeeds).
   * @default process.env.BILLINGOS_WEBHOOK_SECRET
   */
  secret?: string;
  /** What to run per event type; awaited, and a throw answers 500 so BillingOS retries. */
  on: WebhookEventHandlers;
  /**
   * Skips events already handled (by event id); `false` turns de-duplication off.
   * @default a `MemoryWebhookEventStore` of this route: per process only
   */
  store?: WebhookEventStore | false;
  /**
   * Seconds a signature's timestamp may differ from now, either way.
   * @default 300
   */
  tolerance?: number;
  /** @default node:crypto where the runtime has it (sync HMAC), else Web Crypto */
  cryptoProvider?: CryptoProvider;
  /** @default console */
  logger?: WebhookRouteLogger;
}
