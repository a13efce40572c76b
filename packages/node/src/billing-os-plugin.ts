import type { DependencyContainer } from './internal/di';

/**
 * Extends one `BillingOS` instance by registering providers in its own tsyringe child
 * container (tokens: `Transport`, `RetryPolicy`, `AuthProvider`, `CryptoProvider`, `ResolvedConfig`).
 *
 * @example
 * const logging: BillingOSPlugin = {
 *   register(container) {
 *     container.register(Transport, { useValue: new LoggingTransport(new FetchTransport()) });
 *   },
 * };
 * billing.use(logging);
 */
export interface BillingOSPlugin {
  register(container: DependencyContainer): void;
}
