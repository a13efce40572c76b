import type { RateLimitOptions } from '../app/api-config';

/** Parses `BILLINGOS_RATE_LIMIT`: `<max>` per minute, or `<max>/<seconds>` (e.g. `100/10`). */
export function parseRateLimit(value: string): RateLimitOptions {
  const match = /^\s*(\d+)\s*(?:\/\s*(\d+)\s*s?)?\s*$/.exec(value);
  if (!match || Number(match[1]) < 1) {
    throw new Error(`BILLINGOS_RATE_LIMIT must look like "600" (per minute) or "100/10" (100 per 10 seconds), got "${value}".`);
  }
  return { max: Number(match[1]), windowMs: Number(match[2] ?? 60) * 1000 };
}
