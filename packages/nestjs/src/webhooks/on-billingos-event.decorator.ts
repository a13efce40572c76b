import type { BillingOSEvent } from '@billingos/node';
import { SetMetadata } from '@nestjs/common';

/** An event type such as `'subscription.updated'`, or `'*'` for every event (any string is accepted, for types added later). */
export type BillingOSEventSelector = BillingOSEvent['type'] | '*' | (string & {});

/** Metadata key under which a handler method lists the event types it handles. */
export const BILLINGOS_EVENT_HANDLER = 'billingos:event-handler';

/**
 * Marks a provider method as a handler of BillingOS webhook events. The module finds it at
 * start-up; it runs after the delivery's signature is verified, with the parsed event.
 * A handler that throws makes the delivery answer 500, so BillingOS retries it: keep handlers
 * idempotent (use `event.id`).
 *
 * @example
 * ```ts
 * @Injectable()
 * export class BillingEvents {
 *   @OnBillingOSEvent('subscription.updated', 'subscription.canceled')
 *   async syncPlan(event: BillingOSEvent) {
 *     await this.accounts.refreshPlan(event.data);
 *   }
 *
 *   @OnBillingOSEvent('*')
 *   audit(event: BillingOSEvent) {
 *     this.logger.log(`${event.type} ${event.id}`);
 *   }
 * }
 * ```
 */
export function OnBillingOSEvent(...types: [BillingOSEventSelector, ...BillingOSEventSelector[]]): MethodDecorator {
  return SetMetadata(BILLINGOS_EVENT_HANDLER, types);
}
