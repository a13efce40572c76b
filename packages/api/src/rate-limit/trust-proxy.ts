import { parseBooleanEnv } from '../bootstrap/parse-boolean-env';

/**
 * Whether proxies in front of the API say who the client is: `true` is one proxy (a load
 * balancer), a number is that many proxies in a chain, `false` or `0` none.
 */
export type TrustProxy = boolean | number;

/**
 * Parses `TRUST_PROXY`: a boolean (`true/false`, `1/0`, `yes/no`, `on/off`) or a number of proxies.
 * Unset or empty is undefined.
 *
 * @example
 * parseTrustProxy('true') // true
 * parseTrustProxy('2')    // 2
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  if (value !== undefined && /^\s*\d+\s*$/.test(value)) return Number(value);
  try {
    return parseBooleanEnv('TRUST_PROXY', value);
  } catch {
    throw new Error(`TRUST_PROXY must be true or false (also 1/0, yes/no, on/off) or a number of proxies, got "${value}".`);
  }
}

/**
 * The number of proxies whose `X-Forwarded-For` entries are believed, for Express's
 * `trust proxy`. A hop count, not Express's `true` (which believes the left-most entry, one the
 * client writes itself): the client is the address the outermost trusted proxy saw, so a
 * client cannot pick its own address, and with 0 the header is ignored.
 *
 * @example
 * app.set('trust proxy', proxyHops(true)); // 1: `X-Forwarded-For: <client's claim>, <address the balancer saw>` → the latter
 */
export function proxyHops(trustProxy: TrustProxy | undefined): number {
  if (trustProxy === undefined || trustProxy === false) return 0;
  if (trustProxy === true) return 1;
  if (!Number.isInteger(trustProxy) || trustProxy < 0) throw new Error(`trustProxy must be a boolean or a number of proxies (0 or more), got ${trustProxy}.`);
  return trustProxy;
}
