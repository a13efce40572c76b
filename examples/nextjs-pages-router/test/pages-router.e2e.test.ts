import { join } from 'node:path';
import { signedInJourney, signIn, startDashboardStack, watch, type DashboardStack } from '../../test-utils/billing-dashboard-journey';

let stack: DashboardStack;

beforeAll(async () => {
  stack = await startDashboardStack(join(__dirname, '..'));
}, 300_000);

afterAll(() => stack?.close());

test('the Pages Router handlers answer 401 to a visitor without a session, the session route as JSON never cached', async () => {
  const response = await fetch(`${stack.app.url}/api/billingos-session`);
  expect(response.status).toBe(401);
  expect(response.headers.get('cache-control')).toContain('no-store');
  expect(await response.json()).toMatchObject({ error: { type: 'authentication_error' } });
  expect((await fetch(`${stack.app.url}/api/generate`, { method: 'POST' })).status).toBe(401);
});

test('signed in: getServerSideProps paints the filled portal, hydration warns about nothing and fetches nothing; subscribe, spend, schedule a downgrade', () => signedInJourney(stack, { email: 'grace@example.com', password: 'hopper-1906' }));

test('the generate route answers 402 once the plan has no AI credits left', async () => {
  const user = stack.auth.createUser({ email: 'katherine@example.com', password: 'johnson-1918' });
  const [starter] = (await stack.billing.products.list({ limit: 100 })).data.filter((p) => p.name === 'Starter');
  const customer = await stack.billing.customers.create({ externalUserId: user.id });
  // A card first: a secret-key subscription to a paid price charges it, else starts `incomplete` (no credits).
  await stack.billing.paymentMethods.attach(customer.id, { paymentMethodId: 'pm_card_visa' });
  await stack.billing.subscriptions.create({ customerId: customer.id, priceId: starter!.prices[0]!.id });
  await stack.billing.entitlements.check({ externalUserId: user.id, featureKey: 'ai_credits', requiredBalance: 20, track: true });

  const page = await stack.browser.newPage();
  await signIn(stack, page, 'katherine@example.com', 'johnson-1918');
  await page.getByTestId('customer').filter({ hasText: `Signed in as ${user.id}` }).waitFor();
  // Signed in, the page loads with no 401 from the session route left to log.
  const { problems } = watch(stack, page);
  await page.reload();
  // Outside the page, with its cookies: Chromium would log the 402 as a console error.
  const cookie = (await page.context().cookies()).map(({ name, value }) => `${name}=${value}`).join('; ');
  const response = await fetch(`${stack.app.url}/api/generate`, { method: 'POST', headers: { cookie } });
  expect(response.status).toBe(402);
  expect(await response.json()).toEqual({ error: 'No AI credits left on your plan.', balance: 0 });
  // The Paywall offers the plans instead of the button.
  await page.getByRole('region', { name: 'AI ideas' }).locator('[role="meter"][aria-valuetext="20 of 20 used"]').waitFor();
  expect(await page.getByRole('button', { name: 'Generate an idea (1 AI credit)' }).count()).toBe(0);
  expect(problems).toEqual([]);
  await page.close();
});
