import type * as contract from '@billingos/contract';
import type { Customer, DeletedCustomer } from '../resources/customer';
import type { Subscription } from '../resources/subscription';
import type { PaymentMethod } from '../resources/payment-method';
import type { CheckoutSession, Invoice } from '../resources/invoice';

/** One delivery: `{ id, type, createdAt, livemode, data, previousAttributes? }`. */
export interface WebhookEventOf<TType extends string, TData> {
  /** Unique per event: use it to skip redeliveries. */
  id: string;
  type: TType;
  /** ISO-8601; on a test clock's customer, the clock's time. */
  createdAt: string;
  /** `true` for a live-mode event, `false` for test mode. */
  livemode: boolean;
  data: TData;
  /**
   * The fields that changed, with their values before (an update only), e.g.
   * `{ status: 'trialing' }` when a trial ends, `{ price }` when a scheduled plan change applies.
   */
  previousAttributes?: Partial<TData>;
}

/** A metered feature's balance reached 0 or below (once per period). */
export type EntitlementLimitReached = contract.EntitlementLimitReached;

export type CustomerEvent =
  | WebhookEventOf<'customer.created' | 'customer.updated', Customer>
  | WebhookEventOf<'customer.deleted', DeletedCustomer>;
/**
 * `subscription.renewed`: a new period began; `subscription.trial_will_end`: the trial ends in 3
 * days; `subscription.updated` also when a trial ends or a scheduled change applies.
 */
export type SubscriptionEvent = WebhookEventOf<
  | 'subscription.created'
  | 'subscription.updated'
  | 'subscription.renewed'
  | 'subscription.canceled'
  | 'subscription.trial_will_end',
  Subscription
>;
export type EntitlementEvent = WebhookEventOf<'entitlement.limit_reached', EntitlementLimitReached>;
/** A card was saved for a customer, or removed. */
export type PaymentMethodEvent = WebhookEventOf<'payment_method.attached' | 'payment_method.detached', PaymentMethod>;

/**
 * An invoice was made, finalised (numbered, due) or paid; or its charge failed (`invoice.payment_failed`,
 * `data.lastPaymentError` says why) or needs the customer to confirm it with their bank.
 */
export type InvoiceEvent = WebhookEventOf<
  'invoice.created' | 'invoice.finalized' | 'invoice.paid' | 'invoice.payment_failed' | 'invoice.payment_action_required' | 'invoice.voided',
  Invoice
>;
/** A checkout was paid (or its card saved), or expired unpaid. */
export type CheckoutSessionEvent = WebhookEventOf<'checkout.session.completed' | 'checkout.session.expired', CheckoutSession>;

/** Every event BillingOS delivers; narrow it with `switch (event.type)`. */
export type BillingOSEvent = CustomerEvent | SubscriptionEvent | EntitlementEvent | PaymentMethodEvent | InvoiceEvent | CheckoutSessionEvent;

/** Every event type, e.g. for a handler map. */
export type BillingOSEventType = BillingOSEvent['type'];

/** The event of one `type`, e.g. `BillingOSEventOfType<'subscription.renewed'>` has `data: Subscription`. */
export type BillingOSEventOfType<TType extends BillingOSEventType> =
  BillingOSEvent extends infer TEvent
    ? TEvent extends WebhookEventOf<infer TTypes, infer TData>
      ? TType extends TTypes
        ? WebhookEventOf<TType, TData>
        : never
      : never
    : never;
