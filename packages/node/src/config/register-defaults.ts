import { ExponentialBackoffRetryPolicy } from '../http/exponential-backoff-retry-policy';
import { FetchTransport } from '../http/fetch-transport';
import { RetryPolicy } from '../http/retry-policy';
import { Transport } from '../http/transport';
import { AuthProvider } from '../auth/auth-provider';
import { registerProvider } from '../register-provider';
import { ResolvedConfig } from './resolved-config';
import type { DependencyContainer } from '../internal/di';
import type { BillingOSConfig } from './billing-os-config';

/** Registers the resolved config, the defaults, then whatever the config overrides. */
export function registerProviders(container: DependencyContainer, resolved: ResolvedConfig, config: BillingOSConfig): void {
  registerProvider(container, ResolvedConfig, resolved);
  registerProvider(container, Transport, config.transport ?? new FetchTransport());
  registerProvider(
    container,
    RetryPolicy,
    config.retryPolicy ?? new ExponentialBackoffRetryPolicy({ maxRetries: resolved.maxRetries }),
  );
  if (config.authProvider !== undefined) registerProvider(container, AuthProvider, config.authProvider);
}
