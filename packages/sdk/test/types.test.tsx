// Type tests: checked by the root typecheck (`tsc -p tsconfig.json`); each @ts-expect-error fails it if the type loosens.
import type { operations, RequestBody } from '@billingos/contract';
import type {
  BillingOSProviderProps,
  CancelSubscriptionParams,
  ChangePlanParams,
  CreateSubscriptionParams,
  UpdateSubscriptionParams,
  Entitlement,
  EntitlementCheck,
  EntitlementResult,
  Product,
  ResourceResult,
  SessionTokenResult,
  Subscription,
  TokenSource,
  useActiveSubscription,
  useCancelSubscription,
  useChangePlan,
} from '../src/index';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(value: T) => value;

/** The SDK's parameters are bodies the API's schema for that operation accepts. */
type Sendable<Params, Id extends keyof operations> = [Params] extends [RequestBody<Id>] ? true : false;

test('parameters the API accepts', () => {
  assert<Sendable<CreateSubscriptionParams, 'mySubscriptions.create'>>(true);
  assert<Sendable<ChangePlanParams, 'mySubscriptions.update'>>(true);
  assert<Sendable<UpdateSubscriptionParams, 'mySubscriptions.update'>>(true);
  assert<Sendable<CancelSubscriptionParams, 'mySubscriptions.cancel'>>(true);
});

test('public types', () => {
  assert<Equals<ReturnType<typeof useActiveSubscription>['data'], Subscription | null | undefined>>(true);
  assert<Equals<EntitlementResult['hasAccess'], boolean>>(true);
  assert<Equals<ResourceResult<Subscription[]>['refetch'], () => Promise<Subscription[]>>>(true);
  assert<Equals<SessionTokenResult['token'], string | null>>(true);
  assert<
    Equals<
      ReturnType<typeof useChangePlan>['changePlan'],
      (subscriptionId: string, priceId: string, options?: { effective?: 'now' | 'period_end'; cancelAtPeriodEnd?: boolean }) => Promise<Subscription | undefined>
    >
  >(true);
  assert<Equals<Pick<EntitlementResult, 'limit' | 'usage' | 'balance'>, { limit: number | null; usage: number | null; balance: number | null }>>(true);
  assert<Equals<EntitlementResult['resetsAt'], string | null>>(true);
  assert<Equals<EntitlementResult['isLoading'], boolean>>(true);
  assert<Equals<EntitlementResult['check'], (requiredBalance?: number) => Promise<EntitlementCheck>>>(true);
  assert<Equals<Subscription['scheduledChange'], { priceId: string; effectiveAt: string } | null>>(true);
  const usageOf = (e: Entitlement): number => (e.type === 'metered' ? e.usage : 0);
  const limits = (p: Product) => p.features.map((f) => (f.type === 'metered' ? f.limit : null));
  // @ts-expect-error a boolean entitlement counts nothing
  const counted: number = ({} as Extract<Entitlement, { type: 'boolean' }>).usage;
  assert<Equals<Parameters<ReturnType<typeof useCancelSubscription>['cancelSubscription']>[1], { atPeriodEnd?: boolean } | undefined>>(true);

  const source: TokenSource = { getToken: async () => ({ token: 'st', expiresAt: new Date() }) };
  const props: BillingOSProviderProps[] = [
    { sessionTokenUrl: '/api/billingos-session' },
    { sessionToken: 'ey…', apiUrl: 'http://localhost:3001' },
    { tokenSource: source },
    { apiKey: 'pk_test_…', customerId: 'cus_1' },
  ];
  // @ts-expect-error expiresAt is a Date (or null), not an ISO string
  const wrong: TokenSource = { getToken: async () => ({ token: 'st', expiresAt: '2026-01-01' }) };
  // @ts-expect-error apiUrl is a string
  const badProps: BillingOSProviderProps = { sessionTokenUrl: '/s', apiUrl: 3001 };
  expect([props.length, wrong, badProps, usageOf, limits, counted]).toHaveLength(6);
});

test('ui public types', () => {
  type Props = import('../src/ui').PricingTableProps;
  type Update = import('../src/index').UpdateSubscriptionParams;
  assert<Equals<Update, { priceId?: string; effective?: 'now' | 'period_end'; scheduledChange?: null; cancelAtPeriodEnd?: boolean }>>(true);
  assert<Equals<NonNullable<NonNullable<Props['appearance']>['theme']>, 'auto' | 'light' | 'dark'>>(true);
  const labels: NonNullable<Props['localization']> = { subscribe: 'Abonnieren', features: { ai_credits: 'KI-Guthaben' } };
  // @ts-expect-error every label is a string with {placeholders}, so a server component can pass it
  const fn: NonNullable<Props['localization']> = { usageOf: (usage: number) => `${usage}` };
  expect([labels, fn]).toBeDefined();
});
