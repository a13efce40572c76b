import type { BillingOSEvent } from '@billingos/node';
import { SetMetadata } from '@nestjs/common';

/** An event type such as `'subscription.updated'`, or `'*'` for every event (any string is accepted, for types added later). */
export type BillingOSEventSelector = BillingOSEvent['type'] | '*' | (string & {});

/** The events a handler of these selectors can receive: narrowed by type, every event for `'*'` or an unknown type. */
export type BillingOSEventFor<TSelector extends string> = '*' extends TSelector
  ? BillingOSEvent
  : [EventsMatching<TSelector>] extends [never]
    ? BillingOSEvent
    : EventsMatching<TSelector>;

type EventsMatching<TSelector extends string> = BillingOSEvent extends infer TEvent
  ? TEvent extends { type: infer TType }
    ? [TType & TSelector] extends [never]
      ? never
      : TEvent
    : never
  : never;

/** Metadata key under which a handler method lists the event types it handles. */
export const BILLINGOS_EVENT_HANDLER = 'billingos:event-handler';

/**
 * Marks a provider method as a handler of BillingOS webhook events. The module finds it at
 * start-up; it runs after the delivery's signature is verified, with the parsed event, whose
 * type the selectors narrow. A handler that throws makes the delivery answer 500, so BillingOS
 * retries it: keep handlers idempotent (use `event.id`).
 *
 * @example
 * ```ts
 * @Injectable()
 * export class BillingEvents {
 *   @OnBillingOSEvent('subscription.updated', 'subscription.canceled')
 *   async syncPlan(event: SubscriptionEvent) {
 *     await this.accounts.refreshPlan(event.data.customerId, event.data.price.id);
 *   }
 *
 *   @OnBillingOSEvent('*')
 *   audit(event: BillingOSEvent) {
 *     this.logger.log(`${event.type} ${event.id}`);
 *   }
 * }
 * ```
 */
export function OnBillingOSEvent<const TSelector extends BillingOSEventSelector>(...types: [TSelector, ...TSelector[]]) {
  return <THandler extends (event: BillingOSEventFor<TSelector>) => unknown>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<THandler>,
  ): void => {
    SetMetadata(BILLINGOS_EVENT_HANDLER, types)(target, key, descriptor);
  };
}
