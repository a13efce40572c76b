import { ConfigurationError } from '../errors/configuration-error';
import { assertServerRuntime } from './assert-server-runtime';
import { readEnv } from './read-env';
import { validateSecretKey } from './validate-secret-key';
import type { BillingOSConfig } from './billing-os-config';
import type { ResolvedConfig } from './resolved-config';

/** The defaults every option falls back to (after the environment variables). */
export const CONFIG_DEFAULTS = {
  apiUrl: 'https://api.billingos.dev',
  timeout: 30_000,
  maxRetries: 2,
} as const;

/** Applies environment variables and defaults, and validates; throws `ConfigurationError`. */
export function resolveConfig(config: BillingOSConfig): ResolvedConfig {
  assertServerRuntime(config.dangerouslyAllowBrowser);
  const secretKey = config.secretKey ?? readEnv('BILLINGOS_SECRET_KEY');
  const mode = validateSecretKey(secretKey);
  return {
    secretKey: secretKey as string,
    apiUrl: normaliseUrl(config.apiUrl ?? readEnv('BILLINGOS_API_URL') ?? CONFIG_DEFAULTS.apiUrl),
    timeout: checkNumber('timeout', config.timeout ?? CONFIG_DEFAULTS.timeout, 1),
    maxRetries: checkNumber('maxRetries', config.maxRetries ?? CONFIG_DEFAULTS.maxRetries, 0),
    webhookSecret: config.webhookSecret ?? readEnv('BILLINGOS_WEBHOOK_SECRET'),
    mode,
  };
}

function normaliseUrl(url: string): string {
  try {
    return new URL(url).href.replace(/\/+$/, '');
  } catch {
    throw new ConfigurationError({
      code: 'invalid_api_url',
      message: `apiUrl "${url}" is not an absolute URL: use e.g. "http://localhost:3001" or set BILLINGOS_API_URL.`,
    });
  }
}

function checkNumber(name: string, value: number, min: number): number {
  if (Number.isFinite(value) && value >= min) return value;
  throw new ConfigurationError({
    code: `invalid_${name}`,
    message: `${name} must be a finite number ≥ ${min}, got ${String(value)}.`,
  });
}
