/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { act, render, screen, waitFor, cleanup } from '@testing-library/react';
import {
  BillingOSProvider,
  useActiveSubscription,
  useBillingOS,
  useCancelSubscription,
  useChangePlan,
  useCreateSubscription,
  useCustomer,
  useEntitlement,
  useEntitlements,
  useProducts,
  useSessionToken,
  useSubscriptions,
  type BillingOSClient,
} from '../src/index';
import { customerWithCard, startStack, subscribedUser, type Stack } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack.close());
afterEach(cleanup);

function Dashboard() {
  const { data: customer } = useCustomer();
  const { data: subscription } = useActiveSubscription();
  const { data: entitlements } = useEntitlements();
  const exports = useEntitlement('exports');
  const { data: products } = useProducts();
  if (!customer || subscription === undefined || !entitlements || !products || exports.isLoading) return <p>loading</p>;
  return (
    <dl>
      <dt>user</dt>
      <dd data-testid="user">{customer.externalUserId}</dd>
      <dd data-testid="plan">{subscription ? `${subscription.productId}:${subscription.status}` : 'none'}</dd>
      <dd data-testid="features">{entitlements.map((e) => e.featureKey).join(',')}</dd>
      <dd data-testid="exports">{String(exports.hasAccess)}</dd>
      <dd data-testid="products">{products.map((p) => p.name).sort().join(',')}</dd>
    </dl>
  );
}

test('the hooks show the signed-in customer’s billing from the real API', async () => {
  await subscribedUser(stack, 'ada', stack.basic.priceId);
  const { fetch, calls } = stack.browserFetch('ada');
  render(
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={fetch}>
      <Dashboard />
    </BillingOSProvider>,
  );
  await waitFor(() => expect(screen.getByTestId('user').textContent).toBe('ada'), { timeout: 15_000 });
  expect(screen.getByTestId('plan').textContent).toBe(`${stack.basic.productId}:active`);
  expect(screen.getByTestId('features').textContent).toBe('reports');
  expect(screen.getByTestId('exports').textContent).toBe('false');
  expect(screen.getByTestId('products').textContent).toBe('Basic,Pro');
  expect(calls.every((call) => call.authorization?.startsWith('Bearer ey'))).toBe(true);
});

test('100 mounted consumers cause one token request and one request per resource', async () => {
  await subscribedUser(stack, 'grace', stack.pro.priceId);
  const { fetch, calls } = stack.browserFetch('grace');
  const routeBefore = stack.routeRequests;
  render(
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={fetch}>
      {Array.from({ length: 100 }, (_, i) => (
        <Dashboard key={i} />
      ))}
    </BillingOSProvider>,
  );
  await waitFor(() => expect(screen.getAllByTestId('user')).toHaveLength(100), { timeout: 20_000 });
  expect(screen.getAllByTestId('exports').every((node) => node.textContent === 'true')).toBe(true);
  expect(stack.routeRequests - routeBefore).toBe(1);
  const perResource = Object.fromEntries(['/v1/me', '/v1/me/subscriptions', '/v1/me/entitlements', '/v1/products'].map((path) => [path, calls.filter((c) => c.path === path).length]));
  expect(perResource).toEqual({ '/v1/me': 1, '/v1/me/subscriptions': 1, '/v1/me/entitlements': 1, '/v1/products': 1 });
  expect(calls).toHaveLength(4);
});

test('components that do not read the token do not re-render when it rotates', async () => {
  await subscribedUser(stack, 'linus', stack.basic.priceId);
  const { fetch } = stack.browserFetch('linus');
  const renders = { plan: 0, token: 0 };
  let client!: BillingOSClient;
  function Plan() {
    renders.plan += 1;
    const { data } = useSubscriptions();
    return <p data-testid="count">{data?.length ?? '…'}</p>;
  }
  function Token() {
    renders.token += 1;
    client = useBillingOS();
    return <p data-testid="token">{useSessionToken().token?.slice(-8) ?? '…'}</p>;
  }
  render(
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={fetch}>
      <Plan />
      <Token />
    </BillingOSProvider>,
  );
  await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('1'), { timeout: 15_000 });
  const before = { ...renders };
  const oldToken = screen.getByTestId('token').textContent;
  await act(() => client.tokens.refresh());
  expect(screen.getByTestId('token').textContent).not.toBe(oldToken);
  expect(renders.token).toBe(before.token + 1);
  expect(renders.plan).toBe(before.plan);
});

test('a plan change and a cancel refresh the subscription and the entitlements', async () => {
  await subscribedUser(stack, 'barbara', stack.basic.priceId);
  const { fetch, calls } = stack.browserFetch('barbara');
  function Manage() {
    const { data: subscription } = useActiveSubscription();
    const { hasAccess } = useEntitlement('exports');
    const { changePlan, isPending: changing, error } = useChangePlan();
    const { cancelSubscription } = useCancelSubscription();
    if (subscription === undefined) return <p>loading</p>;
    return (
      <div>
        <p data-testid="state">{`${subscription?.productId ?? 'none'} exports=${hasAccess} ${changing ? 'pending' : 'idle'} ${error?.message ?? ''}`}</p>
        <button onClick={() => subscription && changePlan(subscription.id, stack.pro.priceId)}>upgrade</button>
        <button onClick={() => subscription && cancelSubscription(subscription.id)}>cancel</button>
      </div>
    );
  }
  render(
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={fetch}>
      <Manage />
    </BillingOSProvider>,
  );
  const state = () => screen.getByTestId('state').textContent;
  await waitFor(() => expect(state()).toBe(`${stack.basic.productId} exports=false idle `), { timeout: 15_000 });
  act(() => screen.getByText('upgrade').click());
  await waitFor(() => expect(state()).toBe(`${stack.pro.productId} exports=true idle `), { timeout: 15_000 });
  expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
  act(() => screen.getByText('cancel').click());
  await waitFor(() => expect(state()).toBe('none exports=false idle '), { timeout: 15_000 });
  expect(calls.every((call) => call.status < 400)).toBe(true);
});

test('a downgrade at the period end shows as scheduledChange; the plan and its features stay until then', async () => {
  await subscribedUser(stack, 'margaret', stack.pro.priceId);
  const { fetch, calls } = stack.browserFetch('margaret');
  function Downgrade() {
    const { data: subscription } = useActiveSubscription();
    const { hasAccess } = useEntitlement('exports');
    const { changePlan, data: changed } = useChangePlan();
    if (!subscription) return <p>loading</p>;
    const scheduled = subscription.scheduledChange;
    return (
      <div>
        <p data-testid="state">{`${subscription.price.id} exports=${hasAccess} next=${scheduled ? `${scheduled.priceId}@${scheduled.effectiveAt === subscription.currentPeriodEnd}` : '-'} returned=${changed?.scheduledChange?.priceId ?? '-'}`}</p>
        <button onClick={() => changePlan(subscription.id, stack.basic.priceId, { effective: 'period_end' })}>downgrade later</button>
      </div>
    );
  }
  render(
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={fetch}>
      <Downgrade />
    </BillingOSProvider>,
  );
  const state = () => screen.getByTestId('state').textContent;
  await waitFor(() => expect(state()).toBe(`${stack.pro.priceId} exports=true next=- returned=-`), { timeout: 15_000 });
  act(() => screen.getByText('downgrade later').click());
  const { priceId: basic } = stack.basic;
  await waitFor(() => expect(state()).toBe(`${stack.pro.priceId} exports=true next=${basic}@true returned=${basic}`), { timeout: 15_000 });
  expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.status)).toEqual([200]);
});

test('a customer without a plan subscribes (charged to the card on file): the new subscription and its features appear', async () => {
  const customerId = await customerWithCard(stack, 'tim');
  const { fetch, calls } = stack.browserFetch('tim');
  function Subscribe() {
    const { data: subscription } = useActiveSubscription();
    const { hasAccess } = useEntitlement('exports');
    const { createSubscription, data: created } = useCreateSubscription();
    if (subscription === undefined) return <p>loading</p>;
    return (
      <div>
        <p data-testid="state">{`${subscription?.productId ?? 'none'} exports=${hasAccess} created=${created?.status ?? '-'}`}</p>
        <button onClick={() => createSubscription({ priceId: stack.pro.priceId })}>subscribe</button>
      </div>
    );
  }
  render(
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={fetch}>
      <Subscribe />
    </BillingOSProvider>,
  );
  const state = () => screen.getByTestId('state').textContent;
  await waitFor(() => expect(state()).toBe('none exports=false created=-'), { timeout: 15_000 });
  act(() => screen.getByText('subscribe').click());
  await waitFor(() => expect(state()).toBe(`${stack.pro.productId} exports=true created=active`), { timeout: 15_000 });
  expect(calls.filter((c) => c.method === 'POST').map((c) => `${c.path} ${c.status}`)).toEqual(['/v1/me/subscriptions 201']);
  const invoices = (await stack.billing.invoices.list({ customerId })).data;
  expect(invoices.map((invoice) => `${invoice.status} ${invoice.amountPaid}`)).toEqual(['paid 2900']);
});

test('a subscription whose renewal could not be charged (past_due) is still the active one, with its features', async () => {
  const clock = await stack.billing.testClocks.create({ frozenTime: new Date('2027-01-10T00:00:00Z') });
  const customer = await stack.billing.customers.create({ externalUserId: 'renewal_refused', testClockId: clock.id });
  const session = await stack.billing.checkoutSessions.create({ customerId: customer.id, mode: 'subscription', priceId: stack.pro.priceId, successUrl: 'https://shop.example/ok', cancelUrl: 'https://shop.example/back' });
  const paid = await stack.billing.checkoutSessions.confirm(session.id, { clientSecret: session.clientSecret, paymentMethodId: 'pm_card_visa' });
  if (paid.status !== 'complete') throw new Error(`checkout did not complete: ${JSON.stringify(paid)}`);
  await stack.billing.paymentMethods.del(paid.paymentMethodId);
  await stack.billing.testClocks.advance(clock.id, { frozenTime: new Date('2027-02-11T00:00:00Z') });
  expect((await stack.billing.subscriptions.retrieve(paid.subscriptionId!)).status).toBe('past_due');

  const { fetch } = stack.browserFetch('renewal_refused');
  render(
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={fetch}>
      <Dashboard />
    </BillingOSProvider>,
  );
  await waitFor(() => expect(screen.getByTestId('user').textContent).toBe('renewal_refused'), { timeout: 15_000 });
  expect(screen.getByTestId('plan').textContent).toBe(`${stack.pro.productId}:past_due`);
  expect(screen.getByTestId('features').textContent).toBe('reports,exports');
});
