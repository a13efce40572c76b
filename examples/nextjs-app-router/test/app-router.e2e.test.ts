import { join } from 'node:path';
import { BillingOS } from '@billingos/node';
import { startSupabaseNextStack, type SupabaseNextStack } from '../../test-utils/supabase-next-stack';

let stack: SupabaseNextStack;

beforeAll(async () => {
  stack = await startSupabaseNextStack(join(__dirname, '..'));
  const billing = new BillingOS({ secretKey: stack.api.secretKey, apiUrl: stack.api.url });
  await billing.products.create({ name: 'Pro', featureKeys: ['advanced_reports'], prices: [{ amount: 2900, currency: 'usd', interval: 'month' }] });
}, 300_000);

afterAll(() => stack?.close());

test('the one-line route answers 401 to a visitor without a Supabase session', async () => {
  const response = await fetch(`${stack.app.url}/api/billingos-session`);
  expect(response.status).toBe(401);
  expect(response.headers.get('cache-control')).toContain('no-store');
});

test('a Supabase user signs in, gets a session token from the one-line route and subscribes', async () => {
  const user = stack.auth.createUser({ email: 'ada@example.com', password: 'correct horse battery' });
  const page = await stack.browser.newPage();
  await page.goto(stack.app.url);
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.getByTestId('customer').filter({ hasText: `Signed in as ${user.id}` }).waitFor();
  await page.getByTestId('plan').filter({ hasText: 'Plan: none' }).waitFor();
  await page.getByRole('button', { name: 'Choose Pro' }).click();
  await page.getByTestId('plan').filter({ hasText: 'Plan: Pro' }).waitFor();
  await page.getByTestId('features').filter({ hasText: 'advanced_reports' }).waitFor();
  await page.close();
});
