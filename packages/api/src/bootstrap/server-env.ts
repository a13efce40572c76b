import type { ApiServerOptions } from '../server';
import { parseSigningKeys } from '../session-tokens/signing-keyring';
import { parseBooleanEnv } from './parse-boolean-env';
import type { LegacyPublishableView } from './seed-merchant';
import { parseRateLimit } from './parse-rate-limit';
import { parseTrustProxy } from '../rate-limit/trust-proxy';

/**
 * Reads the server's settings from environment variables:
 * `PORT`, `HOST`, `DATABASE_URL`, `BILLINGOS_DATA_DIR`, `BILLINGOS_SECRET_KEY`, `BILLINGOS_LIVE_SECRET_KEY`,
 * `BILLINGOS_PUBLISHABLE_KEY`, `BILLINGOS_LIVE_PUBLISHABLE_KEY`, `BILLINGOS_WEBHOOK_SECRET`, `BILLINGOS_SIGNING_KEYS`,
 * `BILLINGOS_RATE_LIMIT`, `BILLINGOS_WEBHOOK_URL`, `BILLINGOS_LEGACY_PUBLISHABLE_VIEW`, `BILLINGOS_LIFECYCLE_INTERVAL_MS`, `BILLINGOS_CHARGE_LEASE_MS`, `TRUST_PROXY`.
 *
 * @example
 * const server = await startApiServer(readServerEnv(process.env, '.billingos/data'));
 */
export function readServerEnv(env: Readonly<Record<string, string | undefined>>, defaultDataDir: string): ApiServerOptions {
  const keys = {
    secretKey: env.BILLINGOS_SECRET_KEY,
    liveSecretKey: env.BILLINGOS_LIVE_SECRET_KEY,
    publishableKey: env.BILLINGOS_PUBLISHABLE_KEY,
    livePublishableKey: env.BILLINGOS_LIVE_PUBLISHABLE_KEY,
    webhookSecret: env.BILLINGOS_WEBHOOK_SECRET,
  };
  const options: ApiServerOptions = {
    port: env.PORT ? parsePort(env.PORT) : 3001,
    host: env.HOST || '127.0.0.1',
    keys: Object.fromEntries(Object.entries(keys).filter(([, value]) => value)),
  };
  if (env.DATABASE_URL) options.databaseUrl = env.DATABASE_URL;
  else options.dataDir = env.BILLINGOS_DATA_DIR || defaultDataDir;
  if (env.BILLINGOS_SIGNING_KEYS) options.signingKeys = parseSigningKeys(env.BILLINGOS_SIGNING_KEYS);
  if (env.BILLINGOS_RATE_LIMIT) options.rateLimit = parseRateLimit(env.BILLINGOS_RATE_LIMIT);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (trustProxy !== undefined) options.trustProxy = trustProxy;
  if (env.BILLINGOS_WEBHOOK_URL) options.webhookEndpoint = env.BILLINGOS_WEBHOOK_URL;
  if (env.BILLINGOS_PUBLIC_URL) options.publicUrl = parsePublicUrl(env.BILLINGOS_PUBLIC_URL);
  const legacyPublishableView = parseLegacyView(env.BILLINGOS_LEGACY_PUBLISHABLE_VIEW);
  if (legacyPublishableView !== undefined) options.legacyPublishableView = legacyPublishableView;
  if (env.BILLINGOS_LIFECYCLE_INTERVAL_MS) options.lifecycleIntervalMs = parseInterval(env.BILLINGOS_LIFECYCLE_INTERVAL_MS);
  if (env.BILLINGOS_CHARGE_LEASE_MS) options.chargeLeaseMs = parseChargeLease(env.BILLINGOS_CHARGE_LEASE_MS);
  return options;
}

function parsePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`BILLINGOS_PUBLIC_URL must be an absolute http(s) URL such as https://billing.example.com, got "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`BILLINGOS_PUBLIC_URL must be an http(s) URL, got "${value}".`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function parseLegacyView(value: string | undefined): LegacyPublishableView | undefined {
  if (value?.trim().toLowerCase() === 'test') return 'test';
  try {
    return parseBooleanEnv('BILLINGOS_LEGACY_PUBLISHABLE_VIEW', value);
  } catch {
    throw new Error(`BILLINGOS_LEGACY_PUBLISHABLE_VIEW must be test (test mode only), true (live mode too) or false, got "${value}".`);
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a number from 0 to 65535, got "${value}".`);
  return port;
}

function parseChargeLease(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1000 || ms > 3_600_000) {
    throw new Error(`BILLINGOS_CHARGE_LEASE_MS must be whole milliseconds from 1000 to 3600000 (the default is 60000), got "${value}".`);
  }
  return ms;
}

function parseInterval(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > 3_600_000) {
    throw new Error(`BILLINGOS_LIFECYCLE_INTERVAL_MS must be whole milliseconds from 0 (worker off) to 3600000, got "${value}".`);
  }
  return ms;
}
