import type { TokenResult } from './TokenSource';

/** When, on this browser's clock, a token should be refreshed and stops being usable. */
export interface TokenTiming {
  refreshAt: number;
  usableUntil: number;
}

const MINUTE = 60_000;
/** The shortest lifetime the API issues (`expiresIn` ≥ 60 s): a floor when the clocks cannot be compared. */
const MIN_LIFETIME = MINUTE;

/**
 * Measures the lifetime on the server's clock (its `Date` header, else the JWT's `iat`) and lays it
 * from the moment of receipt on the local clock, so a browser clock minutes off neither loops on
 * "expired" tokens nor keeps using expired ones. Refresh 5 minutes before expiry, or at half-life
 * for tokens shorter than 10 minutes. With neither server clock, a lifetime that looks shorter than
 * the API's minimum is taken as that minimum, so refreshes cannot spin.
 */
export function tokenTiming(result: TokenResult, receivedAt: number): TokenTiming {
  if (!result.expiresAt) return { refreshAt: Infinity, usableUntil: Infinity };
  const issuedAt = result.serverTime?.getTime() ?? jwtIssuedAt(result.token) ?? receivedAt;
  const lifetime = Math.max(result.expiresAt.getTime() - issuedAt, MIN_LIFETIME);
  const refreshIn = lifetime >= 10 * MINUTE ? lifetime - 5 * MINUTE : lifetime / 2;
  return {
    refreshAt: receivedAt + refreshIn,
    // A margin for the request still in flight when the token is read.
    usableUntil: receivedAt + lifetime - Math.min(5000, lifetime / 10),
  };
}

function jwtIssuedAt(token: string): number | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const { iat } = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { iat?: unknown };
    return typeof iat === 'number' ? iat * 1000 : undefined;
  } catch {
    return undefined;
  }
}
