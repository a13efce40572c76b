import type { BillingOSEvent } from '@billingos/node';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { BILLINGOS_EVENT_HANDLER, type BillingOSEventSelector } from './on-billingos-event.decorator';

interface RegisteredHandler {
  types: readonly BillingOSEventSelector[];
  run: (event: BillingOSEvent) => unknown;
}

/** Finds every `@OnBillingOSEvent()` method among the application's providers once, at start-up. */
@Injectable()
export class WebhookHandlerRegistry implements OnModuleInit {
  readonly #discovery: DiscoveryService;
  readonly #scanner: MetadataScanner;
  readonly #reflector: Reflector;
  readonly #handlers: RegisteredHandler[] = [];

  constructor(
    @Inject(DiscoveryService) discovery: DiscoveryService,
    @Inject(MetadataScanner) scanner: MetadataScanner,
    @Inject(Reflector) reflector: Reflector,
  ) {
    this.#discovery = discovery;
    this.#scanner = scanner;
    this.#reflector = reflector;
  }

  onModuleInit(): void {
    const instances = new Set<object>();
    for (const wrapper of this.#discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.isDependencyTreeStatic() || !isObject(instance) || instances.has(instance)) continue;
      instances.add(instance);
      this.#handlers.push(...this.#handlersOf(instance));
    }
  }

  /** Runs, in discovery order, every handler registered for this event's type or for `'*'`. */
  async dispatch(event: BillingOSEvent): Promise<number> {
    const matching = this.#handlers.filter(({ types }) => types.includes(event.type) || types.includes('*'));
    for (const handler of matching) await handler.run(event);
    return matching.length;
  }

  #handlersOf(instance: object): RegisteredHandler[] {
    const methods = this.#scanner.getAllMethodNames(Object.getPrototypeOf(instance));
    return methods.flatMap((name) => {
      const method = (instance as Record<string, unknown>)[name];
      if (typeof method !== 'function') return [];
      const types = this.#reflector.get<BillingOSEventSelector[] | undefined>(BILLINGOS_EVENT_HANDLER, method);
      if (!types) return [];
      return [{ types, run: (event: BillingOSEvent) => method.call(instance, event) }];
    });
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
