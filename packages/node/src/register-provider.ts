import { tokenOf } from './internal/di';
import type { AbstractToken, DependencyContainer } from './internal/di';

/** A class the container constructs (once per container), or a ready instance. */
export type Provide<T> = T | AbstractToken<T>;

/**
 * Registers an implementation for an abstract-class token in one container: a class
 * becomes a container-local singleton, anything else is used as is. For plugins.
 *
 * @example
 * const plugin: BillingOSPlugin = {
 *   register: (container) => registerProvider(container, AuthProvider, new MyAuth()),
 * };
 */
export function registerProvider<T>(container: DependencyContainer, token: AbstractToken<T>, value: Provide<T>): void {
  if (typeof value === 'function') {
    container.registerSingleton(tokenOf(token), value as unknown as new () => T);
  } else {
    container.register(tokenOf(token), { useValue: value });
  }
}
