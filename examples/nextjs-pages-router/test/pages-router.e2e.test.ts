import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { BillingOS } from '@billingos/node';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { SupabaseAuthServer } from '../../../packages/supabase/test/utils/supabase-auth-server';
import { launchChromium } from '../../test-utils/browser';
import { buildNextApp, startNextApp, type RunningNextApp } from '../../test-utils/next-app';

const appDir = join(__dirname, '..');
let api: TestServer;
let auth: SupabaseAuthServer;
let app: RunningNextApp;
let browser: Browser;

beforeAll(async () => {
  await buildNextApp(appDir);
  [api, auth] = await Promise.all([startTestServer(), SupabaseAuthServer.start()]);
  app = await startNextApp(appDir, {
    SUPABASE_URL: auth.url,
    SUPABASE_ANON_KEY: auth.anonKey,
    BILLINGOS_SECRET_KEY: api.secretKey,
    BILLINGOS_API_URL: api.url,
  });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await Promise.all([api?.close(), auth?.close()]);
});

test('the Pages Router handler answers 401 JSON, never cached, to a visitor without a session', async () => {
  const response = await fetch(`${app.url}/api/billingos-session`);
  expect(response.status).toBe(401);
  expect(response.headers.get('cache-control')).toContain('no-store');
  expect(await response.json()).toMatchObject({ error: { type: 'authentication_error' } });
});

test('a Supabase user sees the billing of their own BillingOS customer, including a subscription made server-side', async () => {
  const user = auth.createUser({ email: 'grace@example.com', password: 'hopper-1906' });
  const billing = new BillingOS({ secretKey: api.secretKey, apiUrl: api.url });
  const product = await billing.products.create({
    name: 'Pro',
    featureKeys: ['advanced_reports'],
    prices: [{ amount: 2900, currency: 'usd', interval: 'month' }],
  });
  const customer = await billing.customers.create({ externalUserId: user.id });
  await billing.subscriptions.create({ customerId: customer.id, priceId: product.prices[0]!.id });

  const page = await browser.newPage();
  await page.goto(app.url);
  await page.getByLabel('Email').fill('grace@example.com');
  await page.getByLabel('Password').fill('hopper-1906');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.getByTestId('customer').filter({ hasText: `Signed in as ${user.id}` }).waitFor();
  await page.getByTestId('subscription').filter({ hasText: 'Subscription: active' }).waitFor();
  await page.getByTestId('advanced-reports').filter({ hasText: 'unlocked' }).waitFor();
  await page.close();
});
