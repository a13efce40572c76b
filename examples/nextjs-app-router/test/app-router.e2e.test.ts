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
  const billing = new BillingOS({ secretKey: api.secretKey, apiUrl: api.url });
  await billing.products.create({ name: 'Pro', featureKeys: ['advanced_reports'], prices: [{ amount: 2900, currency: 'usd', interval: 'month' }] });
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

test('the one-line route answers 401 to a visitor without a Supabase session', async () => {
  const response = await fetch(`${app.url}/api/billingos-session`);
  expect(response.status).toBe(401);
  expect(response.headers.get('cache-control')).toContain('no-store');
});

test('a Supabase user signs in, gets a session token from the one-line route and subscribes', async () => {
  const user = auth.createUser({ email: 'ada@example.com', password: 'correct horse battery' });
  const page = await browser.newPage();
  await page.goto(app.url);
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
