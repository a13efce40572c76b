import type { Page } from 'playwright-core';
import { BillingOS } from '@billingos/node';
import { startSupabaseNextStack, type SupabaseNextStack } from './supabase-next-stack';
import { payOnCheckoutPage } from '../../test-utils/checkout-page';

/** A Next.js example's stack with the example's catalog: a metered feature on both plans (20 and 100 AI credits a month). */
export interface DashboardStack extends SupabaseNextStack {
  billing: BillingOS;
}

export async function startDashboardStack(appDir: string): Promise<DashboardStack> {
  const stack = await startSupabaseNextStack(appDir);
  const billing = new BillingOS({ secretKey: stack.api.secretKey, apiUrl: stack.api.url });
  const credits = (limit: number) => ({ key: 'ai_credits', type: 'metered' as const, limit, reset: 'period' as const });
  await billing.products.create({ name: 'Starter', features: [credits(20)], prices: [{ amount: 900, currency: 'usd', interval: 'month' }] });
  await billing.products.create({ name: 'Pro', featureKeys: ['advanced_reports'], features: [credits(100)], prices: [{ amount: 2900, currency: 'usd', interval: 'month' }] });
  return Object.assign(stack, { billing });
}

/** Console errors and warnings (a hydration mismatch lands here), uncaught errors, and every request the page makes to the BillingOS API or the session route. */
export function watch(stack: SupabaseNextStack, page: Page) {
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === stack.api.url || url.pathname === '/api/billingos-session') requests.push(`${request.method()} ${url.pathname}`);
  });
  return { problems, requests };
}

export async function signIn(stack: SupabaseNextStack, page: Page, email: string, password: string) {
  await page.goto(stack.app.url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * What both Next.js examples promise a signed-in user: the first HTML is the filled portal,
 * hydration warns about nothing and fetches nothing; then subscribe, spend AI credits through
 * the app's own route, upgrade, and schedule a downgrade that the server renders too.
 */
export async function signedInJourney(stack: DashboardStack, credentials: { email: string; password: string }) {
  const { billing } = stack;
  const user = stack.auth.createUser(credentials);
  const page = await stack.browser.newPage({ locale: 'en-US', timezoneId: 'UTC' });
  await signIn(stack, page, credentials.email, credentials.password);
  const portal = page.getByRole('region', { name: 'Billing' });

  // Server-rendered already: the empty state and the plans, for this user.
  await page.getByTestId('customer').filter({ hasText: `Signed in as ${user.id}` }).waitFor();
  await page.getByRole('heading', { name: 'No plan yet' }).waitFor();
  await portal.getByRole('listitem', { name: 'Starter' }).getByRole('button', { name: 'Subscribe' }).click();
  // A paid plan is paid for on the API's checkout page, which brings the buyer back here.
  await page.getByRole('dialog', { name: 'Subscribe to Starter' }).getByRole('button', { name: 'Continue to payment' }).click();
  await payOnCheckoutPage(page, stack.app.url);
  await portal.getByRole('heading', { name: 'Starter', exact: true, level: 2 }).waitFor({ timeout: 20_000 });
  // The refetches after subscribing (subscriptions, then entitlements) are done once the meter shows.
  await portal.locator('[role="meter"][aria-valuetext="0 of 20 used"]').waitFor({ timeout: 20_000 });

  // A fresh load: the first response already carries the plan, and the page asks nothing to paint it.
  const { problems, requests } = watch(stack, page);
  const response = await page.goto(stack.app.url);
  const html = await response!.text();
  expect(html).toMatch(/<h2[^>]*>Starter<\/h2>/);
  expect(html).toMatch(/>\$9<\/span> <span[^>]*>\/ month</);
  expect(html).toContain('0 of 20 used');
  expect(html).not.toContain('Loading');
  await page.waitForLoadState('networkidle');
  expect(requests).toEqual([]);
  expect(problems).toEqual([]);

  // Spend through the app's own route; the meter counts down after the refetch.
  const ideas = page.getByRole('region', { name: 'AI ideas' });
  const generate = ideas.getByRole('button', { name: 'Generate an idea (1 AI credit)' });
  for (const used of [1, 2]) {
    await generate.click();
    await ideas.locator(`[role="meter"][aria-valuetext="${used} of 20 used"]`).waitFor({ timeout: 20_000 });
  }
  const customer = (await billing.customers.list({ externalUserId: user.id })).data[0]!;
  const entitlements = await billing.entitlements.list(customer.id).toArray();
  expect(entitlements.find((e) => e.featureKey === 'ai_credits')).toMatchObject({ usage: 2, balance: 18 });
  // The browser read entitlements but never tracked: only the merchant's route did.
  expect(requests.filter((r) => r.startsWith('POST'))).toEqual([]);

  // Upgrade now, then a downgrade that waits for the period end, shown in the portal.
  const plans = page.getByRole('region', { name: 'Plans' });
  await plans.getByRole('listitem', { name: 'Pro' }).getByRole('button', { name: 'Upgrade' }).click();
  await page.getByRole('dialog', { name: 'Switch to Pro' }).getByRole('button', { name: 'Confirm' }).click();
  await portal.getByRole('heading', { name: 'Pro', exact: true, level: 2 }).waitFor({ timeout: 20_000 });
  await plans.getByRole('listitem', { name: 'Starter' }).getByRole('button', { name: 'Downgrade' }).click();
  await page.getByRole('dialog', { name: 'Switch to Starter' }).getByRole('button', { name: 'Confirm' }).click();
  await portal.getByRole('button', { name: 'Keep Pro' }).waitFor({ timeout: 20_000 });
  expect(await portal.textContent()).toMatch(/Changes to Starter \(\$9 \/ month\) on /);

  // And the next server render shows the scheduled change too.
  const again = await (await page.goto(stack.app.url))!.text();
  expect(again).toContain('Changes to Starter (');
  expect(again).toMatch(/<h2[^>]*>Pro<\/h2>/);
  await page.getByRole('button', { name: 'Keep Pro' }).waitFor();
  expect(problems).toEqual([]);
  await page.close();
}
