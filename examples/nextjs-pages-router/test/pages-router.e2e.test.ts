import { join } from 'node:path';
import { BillingOS } from '@billingos/node';
import { startSupabaseNextStack, type SupabaseNextStack } from '../../test-utils/supabase-next-stack';

let stack: SupabaseNextStack;

beforeAll(async () => {
  stack = await startSupabaseNextStack(join(__dirname, '..'));
}, 300_000);

afterAll(() => stack?.close());

test('the Pages Router handler answers 401 JSON, never cached, to a visitor without a session', async () => {
  const response = await fetch(`${stack.app.url}/api/billingos-session`);
  expect(response.status).toBe(401);
  expect(response.headers.get('cache-control')).toContain('no-store');
  expect(await response.json()).toMatchObject({ error: { type: 'authentication_error' } });
});

test('a Supabase user sees the billing of their own BillingOS customer, including a subscription made server-side', async () => {
  const user = stack.auth.createUser({ email: 'grace@example.com', password: 'hopper-1906' });
  const billing = new BillingOS({ secretKey: stack.api.secretKey, apiUrl: stack.api.url });
  const product = await billing.products.create({
    name: 'Pro',
    featureKeys: ['advanced_reports'],
    prices: [{ amount: 2900, currency: 'usd', interval: 'month' }],
  });
  const customer = await billing.customers.create({ externalUserId: user.id });
  await billing.subscriptions.create({ customerId: customer.id, priceId: product.prices[0]!.id });

  const page = await stack.browser.newPage();
  await page.goto(stack.app.url);
  await page.getByLabel('Email').fill('grace@example.com');
  await page.getByLabel('Password').fill('hopper-1906');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.getByTestId('customer').filter({ hasText: `Signed in as ${user.id}` }).waitFor();
  await page.getByTestId('subscription').filter({ hasText: 'Subscription: active' }).waitFor();
  await page.getByTestId('advanced-reports').filter({ hasText: 'unlocked' }).waitFor();
  await page.close();
});
