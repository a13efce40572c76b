/**
 * The API's resource types under their own names, from the generated `openapi.ts`. The SDKs
 * import these (`import type`); their builds inline them, so no published package depends on
 * this private one.
 */
import type { components, operations, paths } from './openapi';

export type { components, operations, paths };

type Schemas = components['schemas'];

export type Customer = Schemas['Customer'];
export type DeletedCustomer = Schemas['DeletedCustomer'];

export type Price = Schemas['Price'];
export type PriceInterval = Schemas['PriceInterval'];
export type BooleanFeature = Schemas['BooleanFeature'];
export type MeteredFeature = Schemas['MeteredFeature'];
export type ProductFeature = Schemas['ProductFeature'];
export type Product = Schemas['Product'];

export type SubscriptionStatus = Schemas['SubscriptionStatus'];
export type ScheduledChange = Schemas['ScheduledChange'];
export type Subscription = Schemas['Subscription'];

export type BooleanEntitlement = Schemas['BooleanEntitlement'];
export type MeteredEntitlement = Schemas['MeteredEntitlement'];
export type Entitlement = Schemas['Entitlement'];
export type EntitlementCheck = Schemas['EntitlementCheck'];
export type UsageRecord = Schemas['UsageRecord'];

export type TestClock = Schemas['TestClock'];
export type DeletedTestClock = Schemas['DeletedTestClock'];

export type PaymentMethod = Schemas['PaymentMethod'];
export type DeletedPaymentMethod = Schemas['DeletedPaymentMethod'];

export type Invoice = Schemas['Invoice'];
export type InvoiceLine = Schemas['InvoiceLine'];
export type InvoiceStatus = Schemas['InvoiceStatus'];
export type CheckoutSession = Schemas['CheckoutSession'];
export type CheckoutConfirmation = Schemas['CheckoutConfirmation'];

export type EventType = Schemas['EventType'];
export type BillingEvent = Schemas['Event'];
export type EntitlementLimitReached = Schemas['EntitlementLimitReached'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type EnabledEvents = Schemas['EnabledEvents'];
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookEndpointWithSecret = Schemas['WebhookEndpointWithSecret'];
export type DeletedWebhookEndpoint = Schemas['DeletedWebhookEndpoint'];
export type WebhookDeliveryAttempt = Schemas['WebhookDeliveryAttempt'];

/** What `POST /v1/session-tokens` answers, as JSON (`expiresAt` an ISO-8601 string). */
export type SessionTokenResponse = Schemas['SessionToken'];

export type ApiErrorType = Schemas['ApiErrorType'];
export type ErrorEnvelope = Schemas['ErrorEnvelope'];

/** One page of a list, any item type: every `…List` schema has this shape. */
export type List<T> = Omit<Schemas['CustomerList'], 'data'> & { data: T[] };

/** The JSON body an operation takes, by operation id (`'customers.create'`). */
export type RequestBody<Id extends keyof operations> = operations[Id] extends { requestBody: { content: { 'application/json': infer Body } } } ? Body : never;
