// Compile-time checks of the public surface: the root `tsc --noEmit` (part of `npm test`) fails if they break.
import { AuthProvider, BillingOS, ListPromise, RetryPolicy, Transport, Webhooks } from '@billingos/node';
import type { AuthIdentity, BillingOSEvent, BillingOSPlugin, Customer, Page, SessionToken, Subscription } from '@billingos/node';
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

function narrow(event: BillingOSEvent): string {
  switch (event.type) {
    case 'subscription.canceled':
      return event.data.customerId;
    case 'customer.deleted':
      return String(event.data.deleted);
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
  new Webhooks({ secret: 'whsec_x' }).constructEventAsync('{}', new Headers());
  void narrow;
}

test('the public types compile (checked by tsc)', () => {
  expect(typeof usage).toBe('function');
});
