import { type BillingOSEvent, OnBillingOSEvent, type SubscriptionEvent } from '@billingos/nestjs';
import { Injectable, Logger } from '@nestjs/common';

const KEPT_EVENTS = 20;

/** Webhook handlers: the module calls them after verifying each delivery's signature. */
@Injectable()
export class BillingEvents {
  readonly #logger = new Logger(BillingEvents.name);
  readonly #recent: BillingOSEvent[] = [];

  /** The latest verified events, newest first (a demo stand-in for your database). */
  get recent(): readonly BillingOSEvent[] {
    return this.#recent;
  }

  @OnBillingOSEvent('*')
  remember(event: BillingOSEvent): void {
    if (this.#recent.some(({ id }) => id === event.id)) return; // deliveries can repeat: handle each event once
    this.#recent.unshift(event);
    this.#recent.length = Math.min(this.#recent.length, KEPT_EVENTS);
    this.#logger.log(`received ${event.type} ${event.id}`);
  }

  @OnBillingOSEvent('subscription.updated', 'subscription.canceled')
  planChanged(event: SubscriptionEvent): void {
    this.#logger.log(`plan changed: ${event.id} for ${event.data.customerId} (refresh this customer's features here)`);
  }
}
