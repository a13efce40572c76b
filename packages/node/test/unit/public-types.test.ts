// Compile-time checks of the public surface: the root `tsc --noEmit` (part of `npm test`) fails if they break.
import { AuthProvider, BillingOS, ListPromise, RetryPolicy, Transport, Webhooks } from '@billingos/node';
import type {
  CheckoutSessionConfirmParams,
  InvoicePayParams,
  CheckoutSessionCreateParams,
  CreateSessionTokenParams,
  PaymentMethodAttachParams,
  CustomerCreateParams,
  CustomerUpdateParams,
  EntitlementCheckParams,
  EventRedeliverParams,
  ProductCreateParams,
  SubscriptionCancelParams,
  SubscriptionCreateParams,
  SubscriptionUpdateParams,
  UsageRecordParams,
  WebhookEndpointCreateParams,
  WebhookEndpointRotateSecretParams,
  WebhookEndpointUpdateParams,
  AuthIdentity,
  BillingOSEvent,
  BillingOSPlugin,
  Customer,
  Entitlement,
  EntitlementCheck,
  Page,
  Product,
  SessionToken,
  Subscription,
  TestClock,
  UsageRecord,
} from '@billingos/node';
import type { BillingEvent, EventType, operations, RequestBody } from '@billingos/contract';
import { createSessionHandler, createSessionRoute } from '@billingos/node/helpers/generic';
import type { SessionRouteConfig } from '@billingos/node/helpers/generic';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(value: T) => value;

declare const billing: BillingOS;

assertType<Equals<ReturnType<BillingOS['createSessionToken']>, Promise<SessionToken>>>(true);
assertType<Equals<SessionToken['expiresAt'], Date>>(true);
assertType<Equals<ReturnType<BillingOS['customers']['list']>, ListPromise<Customer>>>(true);
assertType<Equals<Awaited<ReturnType<BillingOS['subscriptions']['list']>>, Page<Subscription>>>(true);
assertType<Equals<ReturnType<typeof createSessionRoute>, (request: Request) => Promise<Response>>>(true);
assertType<Equals<ReturnType<BillingOS['verifyWebhook']>, boolean>>(true);
// The typed webhook events cover exactly the event types the API's schema declares.
assertType<Equals<BillingOSEvent['type'], EventType>>(true);
// …and each event's data and previousAttributes are what the API's Event schema says they are.
const fromApi = (event: BillingEvent): BillingOSEvent => event;
const toApi = (event: BillingOSEvent): BillingEvent => event;
void [fromApi, toApi];

// Every parameter object the SDK sends is a body the API's schema accepts (times and ids excepted: the SDK converts them).
type Sendable<Params, Id extends keyof operations> = [Params] extends [RequestBody<Id>] ? true : false;
assertType<Sendable<CustomerCreateParams, 'customers.create'>>(true);
assertType<Sendable<CustomerUpdateParams, 'customers.update'>>(true);
assertType<Sendable<ProductCreateParams, 'products.create'>>(true);
assertType<Sendable<SubscriptionCreateParams, 'subscriptions.create'>>(true);
assertType<Sendable<SubscriptionUpdateParams, 'subscriptions.update'>>(true);
assertType<Sendable<SubscriptionCancelParams, 'subscriptions.cancel'>>(true);
assertType<Sendable<EntitlementCheckParams, 'usage.check'>>(true);
assertType<Sendable<UsageRecordParams, 'usage.record'>>(true);
assertType<Sendable<CreateSessionTokenParams, 'sessionTokens.create'>>(true);
assertType<Sendable<WebhookEndpointCreateParams, 'webhookEndpoints.create'>>(true);
assertType<Sendable<WebhookEndpointUpdateParams, 'webhookEndpoints.update'>>(true);
assertType<Sendable<WebhookEndpointRotateSecretParams, 'webhookEndpoints.rotateSecret'>>(true);
assertType<Sendable<EventRedeliverParams, 'events.redeliver'>>(true);
assertType<Sendable<PaymentMethodAttachParams, 'paymentMethods.attach'>>(true);
assertType<Sendable<CheckoutSessionCreateParams, 'checkoutSessions.create'>>(true);
assertType<Sendable<CheckoutSessionConfirmParams, 'checkoutSessions.confirm'>>(true);
assertType<Sendable<InvoicePayParams, 'payInvoice.pay'>>(true);

function narrow(event: BillingOSEvent): string {
  switch (event.type) {
    case 'subscription.canceled':
      return event.data.customerId;
    case 'customer.deleted':
      return String(event.data.deleted);
    case 'subscription.renewed':
    case 'subscription.trial_will_end':
      return event.data.currentPeriodEnd;
    case 'subscription.updated':
      return event.previousAttributes?.price?.id ?? event.previousAttributes?.status ?? event.data.status;
    case 'entitlement.limit_reached':
      return `${event.data.featureKey}:${event.data.balance}:${String(event.livemode)}`;
    default:
      return event.id;
  }
}

class Auth extends AuthProvider {
  async authenticate(): Promise<AuthIdentity | null> {
    return { userId: 'u' };
  }
}
const plugin: BillingOSPlugin = { register: () => undefined };

function usage(): void {
  // The helper subpath names the same nominal BillingOS as the main entry.
  const config: SessionRouteConfig = { billingos: billing, expiresIn: 600 };
  new BillingOS({ authProvider: Auth, transport: new (class extends Transport {
    send = (request: Request) => fetch(request);
  })() });
  new BillingOS({ retryPolicy: class extends RetryPolicy {
    nextDelay = () => null;
  } });
  billing.use(plugin).createSessionHandler();
  createSessionRoute(config, () => null);
  createSessionHandler({}, new Auth());
  // @ts-expect-error expiresIn is a number of seconds
  createSessionRoute({ expiresIn: '1h' }, () => null);
  // @ts-expect-error an operation outside the contract
  billing.createSessionToken({ externalUserId: 'u', allowedOperations: ['delete_everything'] });
  // @ts-expect-error resources are read-only
  billing.customers = billing.customers;
  // A customer has exactly one owner, which never changes; lists filter by either.
  billing.customers.create({ externalUserId: 'u', email: 'ada@example.com' });
  billing.customers.create({ externalOrganizationId: 'org_1' });
  // @ts-expect-error a user's own customer or an organization's, not both
  billing.customers.create({ externalUserId: 'u', externalOrganizationId: 'org_1' });
  // @ts-expect-error an owner is required
  billing.customers.create({ email: 'ada@example.com' });
  // @ts-expect-error the owner is the customer's key
  billing.customers.update('cus_1', { externalOrganizationId: 'org_2' });
  billing.customers.list({ externalOrganizationId: 'org_1' });
  assertType<Equals<Customer['externalUserId'], string | null>>(true);
  assertType<Equals<Customer['testClockId'], string | null>>(true);
  assertType<Equals<Subscription['scheduledChange'], { priceId: string; effectiveAt: string } | null>>(true);
  assertType<Equals<ReturnType<BillingOS['testClocks']['advance']>, Promise<TestClock>>>(true);
  assertType<Equals<ReturnType<BillingOS['entitlements']['check']>, Promise<EntitlementCheck>>>(true);
  assertType<Equals<ReturnType<BillingOS['usage']['record']>, Promise<UsageRecord>>>(true);
  assertType<Equals<BillingOSEvent['livemode'], boolean>>(true);
  // Test clocks take a Date, an ISO string or unix seconds.
  billing.testClocks.create({ frozenTime: new Date(), name: 'n' });
  billing.testClocks.advance('clock_1', { frozenTime: 1_767_225_600 });
  billing.customers.create({ externalUserId: 'u', testClockId: 'clock_1' });
  // Plan changes now or at the period end; a scheduled change is dropped with null.
  billing.subscriptions.update('sub_1', { priceId: 'price_1', effective: 'period_end' });
  billing.subscriptions.update('sub_1', { scheduledChange: null });
  // @ts-expect-error effective is 'now' or 'period_end'
  billing.subscriptions.update('sub_1', { priceId: 'price_1', effective: 'later' });
  // @ts-expect-error a scheduled change is set through priceId + effective, only dropped here
  billing.subscriptions.update('sub_1', { scheduledChange: { priceId: 'price_1' } });
  // Checks and usage name the customer by exactly one id.
  billing.entitlements.check({ customerId: 'cus_1', featureKey: 'api_calls', requiredBalance: 5, track: true });
  billing.usage.record({ externalUserId: 'u', featureKey: 'api_calls', value: 3 });
  // @ts-expect-error one of customerId and externalUserId, not both
  billing.usage.record({ customerId: 'cus_1', externalUserId: 'u', featureKey: 'api_calls' });
  // @ts-expect-error a customer is required
  billing.entitlements.check({ featureKey: 'api_calls' });
  billing.products.create({ name: 'Pro', prices: [], features: [{ key: 'exports', type: 'boolean' }, { key: 'api_calls', type: 'metered', limit: null, reset: 'never' }] });
  // @ts-expect-error a metered feature says its limit (null: unlimited)
  billing.products.create({ name: 'Pro', prices: [], features: [{ key: 'api_calls', type: 'metered' }] });
  const meter = (entitlement: Entitlement): number | null => (entitlement.type === 'metered' ? entitlement.usage : entitlement.usage);
  const keys = (product: Product): string[] => product.features.map((feature) => (feature.type === 'metered' ? `${feature.key}:${feature.limit ?? '∞'}` : feature.key));
  void meter;
  void keys;
  new Webhooks({ secret: 'whsec_x' }).constructEventAsync('{}', new Headers());
  void narrow;
}

test('the public types compile (checked by tsc)', () => {
  expect(typeof usage).toBe('function');
});
