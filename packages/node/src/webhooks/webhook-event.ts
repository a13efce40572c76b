import type { Customer, DeletedCustomer } from '../resources/customer';
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

export type CustomerEvent =
  | WebhookEventOf<'customer.created' | 'customer.updated', Customer>
  | WebhookEventOf<'customer.deleted', DeletedCustomer>;
export type SubscriptionEvent = WebhookEventOf<
  'subscription.created' | 'subscription.updated' | 'subscription.canceled',
  Subscription
>;

/** Every event BillingOS delivers; narrow it with `switch (event.type)`. */
export type BillingOSEvent = CustomerEvent | SubscriptionEvent;
