// `@billingos/node/webhooks`: verification and the webhook routes without the client, so an
// Edge function or a webhook-only service loads no dependency-injection container.
export { Webhooks } from './webhooks';
export type { TestHeaderParams, VerifyOptions, WebhooksOptions } from './webhooks';
export type { HeadersLike } from './webhook-headers';
export type { RawBody } from './raw-body';
export type {
  BillingOSEvent,
  BillingOSEventOfType,
  BillingOSEventType,
  CustomerEvent,
  EntitlementEvent,
  PaymentMethodEvent,
  InvoiceEvent,
  CheckoutSessionEvent,
  EntitlementLimitReached,
  SubscriptionEvent,
  WebhookEventOf,
} from './webhook-event';
export { createWebhookRoute } from './webhook-route';
export type { WebhookRoute } from './webhook-route';
export { createWebhookHandler, toNodeWebhookHandler } from './node-webhook-handler';
export type { WebhookHandler, WebhookRequestLike } from './node-webhook-handler';
export { toFastifyHandler } from '../session-route/fastify-adapter';
export type { FastifyHandler, FastifyHandlerOptions, FastifyReplyLike, FastifyRequestLike } from '../session-route/fastify-adapter';
export type { WebhookEventHandlers, WebhookRouteLogger, WebhookRouteOptions } from './webhook-route-options';
export { MemoryWebhookEventStore } from './webhook-event-store';
export type { WebhookEventStore } from './webhook-event-store';
export { CryptoProvider } from './crypto-provider';
export { NodeCryptoProvider } from './node-crypto-provider';
export { SubtleCryptoProvider } from './subtle-crypto-provider';
export { WebhookVerificationError } from '../errors/webhook-verification-error';
export { BillingOSError } from '../errors/billing-os-error';
export { isBillingOSError } from '../errors/is-billing-os-error';
