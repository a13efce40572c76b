import type { BillingOSEvent } from '@billingos/node';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { billingOSEventMetadata, type BillingOSEventSelector } from './on-billingos-event.decorator';

interface RegisteredHandler {
  types: readonly BillingOSEventSelector[];
  run: (event: BillingOSEvent) => unknown;
}

/** Finds every `@OnBillingOSEvent()` method among the application's providers once, at start-up. */
@Injectable()
export class WebhookHandlerRegistry implements OnModuleInit {
  readonly #discovery: DiscoveryService;
  readonly #scanner: MetadataScanner;
  #handlers: RegisteredHandler[] = [];

  constructor(@Inject(DiscoveryService) discovery: DiscoveryService, @Inject(MetadataScanner) scanner: MetadataScanner) {
    this.#discovery = discovery;
    this.#scanner = scanner;
  }

  onModuleInit(): void {
    const instances = new Set<object>();
    for (const wrapper of this.#discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.isDependencyTreeStatic() || !isObject(instance) || instances.has(instance)) continue;
      instances.add(instance);
      this.#handlers.push(...this.#handlersOf(wrapper, instance));
    }
  }

  /** Runs, in discovery order, every handler registered for this event's type or for `'*'`. */
  async dispatch(event: BillingOSEvent): Promise<number> {
    const matching = this.#handlers.filter(({ types }) => types.includes(event.type) || types.includes('*'));
    for (const handler of matching) await handler.run(event);
    return matching.length;
  }

  #handlersOf(wrapper: InstanceWrapper, instance: object): RegisteredHandler[] {
    const methods = this.#scanner.getAllMethodNames(Object.getPrototypeOf(instance));
    return methods.flatMap((name) => {
      const types = this.#discovery.getMetadataByDecorator(billingOSEventMetadata, wrapper, name);
      const method = (instance as Record<string, unknown>)[name];
      if (!types || typeof method !== 'function') return [];
      return [{ types, run: (event: BillingOSEvent) => method.call(instance, event) }];
    });
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
