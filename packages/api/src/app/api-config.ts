/** Runtime settings the modules read, fixed at start-up. */
export interface ApiConfig {
  rateLimit: RateLimitOptions;
  webhookEndpoint: string | undefined;
}

export interface RateLimitOptions {
  /** Requests allowed per key in one window. */
  max: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

export const API_CONFIG = Symbol('BillingOS.ApiConfig');
