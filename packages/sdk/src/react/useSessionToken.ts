'use client';
import { useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { ConfigurationError } from '../core/errors/ConfigurationError';
import { TokenManager, type TokenState } from '../core/tokens/TokenManager';
import { UrlTokenSource } from '../core/tokens/UrlTokenSource';
import { BillingOSContext } from './BillingOSContext';

export interface SessionTokenResult extends TokenState {
  /** Fetches a new token now (joining a request already running). */
  refresh: () => Promise<string>;
  /** Forgets the token in every tab of this origin; call it when the user signs out. */
  clear: () => void;
}

/**
 * The current session token, re-rendering when it rotates. Inside a provider it reads the
 * provider's token; with `tokenUrl` it keeps its own (no provider needed), e.g. to call your own
 * backend with the token.
 *
 * @example
 * const { token, expiresAt, error, refresh, clear } = useSessionToken();
 */
export function useSessionToken(tokenUrl?: string): SessionTokenResult {
  const context = useContext(BillingOSContext);
  const own = useMemo(() => (tokenUrl ? new TokenManager(new UrlTokenSource(tokenUrl)) : null), [tokenUrl]);
  const tokens = own ?? context?.client.tokens;
  if (!tokens) {
    throw new ConfigurationError({
      code: 'missing_provider',
      message: 'useSessionToken() needs a <BillingOSProvider> above it, or a URL: useSessionToken("/api/billingos-session").',
    });
  }
  useEffect(() => own?.start(), [own]);
  const state = useSyncExternalStore(tokens.subscribe, tokens.getState, tokens.getState);
  return { ...state, refresh: tokens.refresh, clear: tokens.clear };
}
