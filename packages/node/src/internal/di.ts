// tsyringe needs a Reflect metadata polyfill before it loads; importing both from here keeps the order
// (the polyfill is its own chunk, so rollup keeps it ahead of the external tsyringe import).
import './reflect-metadata';
import { inject as tsyringeInject } from 'tsyringe';
import type { InjectionToken } from 'tsyringe';

export { injectable, container as rootContainer } from 'tsyringe';
export type { DependencyContainer, InjectionToken } from 'tsyringe';

/** An abstract class used as an injection token (tsyringe's own types accept only concrete ones). */
export type AbstractToken<T> = abstract new (...args: never[]) => T;

/** tsyringe's token type for an abstract class token. */
export function tokenOf<T>(token: AbstractToken<T> | InjectionToken<T>): InjectionToken<T> {
  return token as InjectionToken<T>;
}

/**
 * tsyringe's `@inject(Token)`, also accepting the SDK's abstract-class tokens.
 *
 * @example
 * @injectable()
 * class TracingTransport extends Transport {
 *   constructor(@inject(ResolvedConfig) private readonly config: ResolvedConfig) { super(); }
 * }
 */
export function inject<T>(token: AbstractToken<T> | InjectionToken<T>): ParameterDecorator {
  return tsyringeInject(tokenOf(token)) as ParameterDecorator;
}
