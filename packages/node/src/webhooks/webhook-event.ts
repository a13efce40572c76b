import type { Customer } from '../resources/customer';
import type { Product } from '../resources/product';
import type { Subscription } from '../resources/subscription';

/** One delivery: `{ id, type, createdAt, data }`. */
export interface WebhookEventOf<TType extends string, TData> {
  /** Unique per event: use it to skip redeliveries. */
  id: string;
  type: TType;
  /** ISO-8601. */
  createdAt: string;
  data: TData;
}

export type CustomerEvent = WebhookEventOf<'customer.created' | 'customer.updated' | 'customer.deleted', Customer>;
export type SubscriptionEvent = WebhookEventOf<
  'subscription.created' | 'subscription.updated' | 'subscription.canceled',
  Subscription
>;
export type ProductEvent = WebhookEventOf<'product.created' | 'product.updated', Product>;

/** Every event BillingOS delivers; narrow it with `switch (event.type)`. */
export type BillingOSEvent = CustomerEvent | SubscriptionEvent | ProductEvent;
