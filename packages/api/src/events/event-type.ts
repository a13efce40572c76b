/** Every event type the API records; `enabledEvents` and `?type=` take these (or `'*'`). */
export const EVENT_TYPES = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'subscription.created',
  'subscription.updated',
  'subscription.renewed',
  'subscription.canceled',
  'subscription.trial_will_end',
  'entitlement.limit_reached',
  'payment_method.attached',
  'payment_method.detached',
  'invoice.created',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.payment_action_required',
  'invoice.voided',
  'checkout.session.completed',
  'checkout.session.expired',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
