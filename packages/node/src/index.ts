export { BillingOS } from './billing-os';
export type { BillingOSPlugin } from './billing-os-plugin';
export { VERSION } from './version';

export type { BillingOSConfig } from './config/billing-os-config';
export { registerProvider } from './register-provider';
export type { Provide } from './register-provider';
export { ResolvedConfig } from './config/resolved-config';

export { AuthProvider } from './auth/auth-provider';
export type { AuthIdentity } from './auth/auth-identity';
export { FunctionAuthProvider } from './auth/function-auth-provider';
export type { ExtractUser } from './auth/function-auth-provider';

export { Transport } from './http/transport';
export { FetchTransport } from './http/fetch-transport';
export type { FetchTransportOptions } from './http/fetch-transport';
export { RetryPolicy } from './http/retry-policy';
export type { RetryContext } from './http/retry-policy';
export { ExponentialBackoffRetryPolicy } from './http/exponential-backoff-retry-policy';
export type { ExponentialBackoffOptions } from './http/exponential-backoff-retry-policy';
export { NoRetryPolicy } from './http/no-retry-policy';
export { HttpClient } from './http/http-client';
export { RETRY_ATTEMPT_HEADER } from './http/headers';
export type { RequestOptions } from './http/request-options';
export type { ApiRequest } from './http/api-request';

export { BillingOSError } from './errors/billing-os-error';
export type { BillingOSErrorInit, BillingOSErrorType } from './errors/billing-os-error';
export { InvalidRequestError } from './errors/invalid-request-error';
export { AuthenticationError } from './errors/authentication-error';
export { PermissionError } from './errors/permission-error';
export { NotFoundError } from './errors/not-found-error';
export { PaymentError } from './errors/payment-error';
export { IdempotencyError } from './errors/idempotency-error';
export { RateLimitError } from './errors/rate-limit-error';
export { ApiError } from './errors/api-error';
export { ConnectionError } from './errors/connection-error';
export { TimeoutError } from './errors/timeout-error';
export { ConfigurationError } from './errors/configuration-error';
export { WebhookVerificationError } from './errors/webhook-verification-error';
export { isBillingOSError } from './errors/is-billing-os-error';

export { SessionTokens } from './resources/session-tokens';
export type { CreateSessionTokenParams, SessionOperation, SessionToken } from './resources/session-tokens';
export { Customers } from './resources/customers';
export type { Customer, CustomerCreateParams, CustomerListParams, CustomerOwner, CustomerUpdateParams, DeletedCustomer } from './resources/customer';
export { Products } from './resources/products';
export type {
  BooleanFeature,
  MeteredFeature,
  Price,
  PriceCreateParams,
  PriceInterval,
  Product,
  ProductCreateParams,
  ProductFeature,
  ProductFeatureParams,
  ProductListParams,
} from './resources/product';
export { Subscriptions } from './resources/subscriptions';
export type {
  PlanChangeTiming,
  ScheduledChange,
  Subscription,
  SubscriptionCancelParams,
  SubscriptionCreateParams,
  SubscriptionListParams,
  SubscriptionStatus,
  SubscriptionUpdateParams,
} from './resources/subscription';
export { Entitlements } from './resources/entitlements';
export type {
  BooleanEntitlement,
  Entitlement,
  EntitlementCheck,
  EntitlementCheckParams,
  EntitlementSubject,
  MeteredEntitlement,
} from './resources/entitlement';
export { Usage } from './resources/usage';
export type { UsageRecord, UsageRecordParams } from './resources/usage-record';
export { TestClocks } from './resources/test-clocks';
export { PaymentMethods } from './resources/payment-methods';
export { Invoices } from './resources/invoices';
export { CheckoutSessions } from './resources/checkout-sessions';
export type { CheckoutConfirmation, CheckoutSession, CheckoutSessionConfirmParams, CheckoutSessionCreateParams, Invoice, InvoiceLine, InvoiceListParams, InvoicePayParams, InvoiceStatus } from './resources/invoice';
export type { DeletedPaymentMethod, PaymentMethod, PaymentMethodAttachParams } from './resources/payment-method';
export type {
  DeletedTestClock,
  TestClock,
  TestClockAdvanceParams,
  TestClockCreateParams,
  TestClockListParams,
  Timestamp,
} from './resources/test-clock';
export type { BillingState, BillingStateParams } from './resources/billing-state';
export { WebhookEndpoints } from './resources/webhook-endpoints';
export type {
  DeletedWebhookEndpoint,
  EnabledEvents,
  WebhookDeliveryAttempt,
  WebhookDeliveryAttemptListParams,
  WebhookEndpoint,
  WebhookEndpointCreateParams,
  WebhookEndpointListParams,
  WebhookEndpointRotateSecretParams,
  WebhookEndpointUpdateParams,
  WebhookEndpointWithSecret,
} from './resources/webhook-endpoint';
export { Events } from './resources/events';
export type { EventListParams, EventRedeliverParams, WebhookDelivery } from './resources/event';
export { ListPromise } from './resources/list-promise';
export type { ListParams, Page } from './resources/list-promise';

// Verification and the webhook routes: the whole `@billingos/node/webhooks` entry.
export * from './webhooks/index';

export type { SessionRouteOptions } from './session-route/session-route-options';
export type { SessionRoute } from './session-route/session-route';
export { sendWebResponse, toNodeHandler, toWebRequest } from './session-route/node-adapter';
export type { IncomingMessageLike, ServerResponseLike, SessionHandler } from './session-route/node-adapter';
export { toFastifyHandler } from './session-route/fastify-adapter';
export type { FastifyHandler, FastifyHandlerOptions, FastifyReplyLike, FastifyRequestLike } from './session-route/fastify-adapter';
export { inject, injectable, tokenOf } from './internal/di';
export type { AbstractToken, DependencyContainer, InjectionToken } from './internal/di';
