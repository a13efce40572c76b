/** Runtime settings the modules read, fixed at start-up. */
export interface ApiConfig {
  rateLimit: RateLimitOptions;
  /** `BILLINGOS_WEBHOOK_URL`: the test-mode endpoint kept up to date at start. */
  webhookEndpoint: string | undefined;
  /** How often the lifecycle worker looks for due transitions; 0 turns it off. */
  lifecycleIntervalMs: number;
  /** Where buyers reach this API (checkout pages, hosted invoices): `BILLINGOS_PUBLIC_URL`, else the address it listens on. */
  publicUrl: string;
  /** How long a charge attempt a node started blocks its retry by another node (a node that died mid-charge lets go after it). */
  chargeLeaseMs: number;
}

export interface RateLimitOptions {
  /** Requests allowed per key in one window. */
  max: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** Most keys (credentials, addresses) counted in memory; beyond it the oldest window is dropped. @default 100_000 */
  maxKeys?: number;
}

export const API_CONFIG = Symbol('BillingOS.ApiConfig');
