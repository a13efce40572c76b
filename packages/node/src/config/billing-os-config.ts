import type { AuthProvider } from '../auth/auth-provider';
import type { RetryPolicy } from '../http/retry-policy';
import type { Transport } from '../http/transport';
import type { Provide } from '../register-provider';

/** Options of `new BillingOS(config)`. */
export interface BillingOSConfig {
  /**
   * Your secret key, `sk_test_…` or `sk_live_…` (server only).
   * @default process.env.BILLINGOS_SECRET_KEY
   */
  secretKey?: string;
  /**
   * The BillingOS API's base URL.
   * @default process.env.BILLINGOS_API_URL, else 'https://api.billingos.dev'
   */
  apiUrl?: string;
  /**
   * Per-attempt timeout in ms, covering the response headers and body.
   * @default 30000
   */
  timeout?: number;
  /**
   * Retries after the first attempt for the default retry policy; 0 disables retries.
   * @default 2
   */
  maxRetries?: number;
  /**
   * The `whsec_…` secret used by `verifyWebhook` and `webhooks.constructEvent`.
   * @default process.env.BILLINGOS_WEBHOOK_SECRET
   */
  webhookSecret?: string;
  /**
   * How requests are sent.
   * @default FetchTransport
   */
  transport?: Provide<Transport>;
  /**
   * When failed requests are retried.
   * @default ExponentialBackoffRetryPolicy (maxRetries), NoRetryPolicy when maxRetries is 0
   */
  retryPolicy?: Provide<RetryPolicy>;
  /** Who is logged in, for `createSessionRoute()` / `createSessionHandler()`. */
  authProvider?: Provide<AuthProvider<Request>>;
  /**
   * Allow construction where `window` and `document` exist. Your secret key would ship to
   * every visitor: only for trusted environments such as Electron main-process tests.
   * @default false
   */
  dangerouslyAllowBrowser?: boolean;
}
