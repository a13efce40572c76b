import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { BillingOS } from '@billingos/node';
import { launchChromium } from '../../test-utils/browser';
import { payOnCheckoutPage } from '../../../test-utils/checkout-page';

const exampleDir = join(__dirname, '..');
let api: TestServer;
let app: ChildProcess;
let appUrl: string;
let browser: Browser;
let billing: BillingOS;

function run(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(command, args, { cwd: exampleDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** The URL the example prints once it listens (it runs with PORT=0), within 30 s. */
function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`example printed no URL within 30 s: ${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Example dashboard on (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`example exited with ${code}: ${output}`));
    });
  });
}

beforeAll(async () => {
  const build = run(process.execPath, ['build.mjs']);
  await new Promise((resolve, reject) => build.on('exit', (code) => (code === 0 ? resolve(code) : reject(new Error(`build failed: ${code}`)))));
  api = await startTestServer();
  billing = new BillingOS({ secretKey: api.secretKey, apiUrl: api.url });
  app = run(process.execPath, ['server.mjs'], { PORT: '0', BILLINGOS_SECRET_KEY: api.secretKey, BILLINGOS_API_URL: api.url });
  appUrl = await waitForUrl(app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  app?.kill();
  await api?.close();
});

async function signIn(page: Page, userId: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByLabel('User id').fill(userId);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('customer').filter({ hasText: `Signed in as ${userId}` }).waitFor();
}

test('a visitor who is not signed in gets the login form, not billing data', async () => {
  const page = await browser.newPage();
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  expect(await page.getByTestId('customer').count()).toBe(0);
  await page.close();
});

/** Console errors and uncaught exceptions from now on (after sign-in: the signed-out page's 401 is expected). */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

const shownDate = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));

test('subscribe through the table and pay on the checkout page, spend AI credits and watch the meter count down, upgrade, schedule a downgrade: no console errors', async () => {
  const page = await browser.newPage({ locale: 'en-US', timezoneId: 'UTC' });
  await signIn(page, 'e2e-user');
  const problems = problemsOf(page);
  const portal = page.getByRole('region', { name: 'Billing' });
  await page.getByRole('heading', { name: 'No plan yet' }).waitFor({ timeout: 20_000 });

  await portal.getByRole('listitem', { name: 'Starter' }).getByRole('button', { name: 'Subscribe' }).click();
  // A paid plan is paid for on the API's checkout page, which brings the buyer back here.
  await page.getByRole('dialog', { name: 'Subscribe to Starter' }).getByRole('button', { name: 'Continue to payment' }).click();
  await payOnCheckoutPage(page, appUrl);
  await portal.getByRole('heading', { name: 'Starter', exact: true, level: 2 }).waitFor({ timeout: 20_000 });
  expect(await portal.textContent()).toContain('$9 / month');

  const ideas = page.getByRole('region', { name: 'AI ideas' });
  const meter = ideas.getByRole('meter', { name: 'AI credits' });
  expect(await meter.getAttribute('aria-valuetext')).toBe('0 of 20 used');
  const generate = ideas.getByRole('button', { name: 'Generate an idea (1 AI credit)' });
  for (const used of [1, 2, 3]) {
    await generate.click();
    await ideas.getByText(`Idea #${used}:`).waitFor();
    await ideas.locator(`[role="meter"][aria-valuetext="${used} of 20 used"]`).waitFor();
  }
  expect(await meter.getAttribute('aria-valuetext')).toBe('3 of 20 used');
  // The portal's own meter shows the same count; the server counted exactly what the button spent.
  expect(await portal.getByRole('meter', { name: 'AI credits' }).getAttribute('aria-valuetext')).toBe('3 of 20 used');
  const [customer] = (await billing.customers.list({ externalUserId: 'e2e-user' })).data;
  const [entitlement] = (await billing.entitlements.list(customer!.id).toArray()).filter((e) => e.featureKey === 'ai_credits');
  expect(entitlement).toMatchObject({ usage: 3, balance: 17 });

  const plans = page.getByRole('region', { name: 'Plans' });
  await plans.getByRole('listitem', { name: 'Pro' }).getByRole('button', { name: 'Upgrade' }).click();
  await page.getByRole('dialog', { name: 'Switch to Pro' }).getByRole('button', { name: 'Confirm' }).click();
  await portal.getByRole('heading', { name: 'Pro', exact: true, level: 2 }).waitFor({ timeout: 20_000 });
  await ideas.locator('[role="meter"][aria-valuemax="100"]').waitFor();

  await plans.getByRole('listitem', { name: 'Starter' }).getByRole('button', { name: 'Downgrade' }).click();
  const dialog = page.getByRole('dialog', { name: 'Switch to Starter' });
  expect(await dialog.textContent()).toMatch(/You keep Pro until .+\. Then your plan changes to Starter, at \$9 \/ month\./);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await portal.getByRole('button', { name: 'Keep Pro' }).waitFor({ timeout: 20_000 });
  const [subscription] = (await billing.subscriptions.list({ customerId: customer!.id })).data;
  expect(subscription!.scheduledChange).not.toBeNull();
  expect(await portal.textContent()).toContain(`Changes to Starter ($9 / month) on ${shownDate(subscription!.scheduledChange!.effectiveAt)}.`);
  expect(await plans.getByRole('listitem', { name: 'Starter' }).getByRole('button', { name: 'Scheduled' }).count()).toBe(1);

  expect(problems).toEqual([]);
  await page.close();
});

test('the spend route counts on the server only when signed in, and refuses once the credits are gone', async () => {
  const page = await browser.newPage();
  const anonymous = await page.request.post(`${appUrl}/api/generate`);
  expect(anonymous.status()).toBe(401);
  await signIn(page, 'e2e-spender');
  const [customer] = (await billing.customers.list({ externalUserId: 'e2e-spender' })).data;
  const starter = (await billing.products.list({ limit: 100 })).data.find((p) => p.name === 'Starter' && p.metadata.demo_catalog)!;
  // A card first: a secret-key subscription to a paid price charges it, else starts `incomplete` (no credits).
  await billing.paymentMethods.attach(customer!.id, { paymentMethodId: 'pm_card_visa' });
  await billing.subscriptions.create({ customerId: customer!.id, priceId: starter.prices[0]!.id });
  await billing.usage.record({ externalUserId: 'e2e-spender', featureKey: 'ai_credits', value: 19 });
  expect((await page.request.post(`${appUrl}/api/generate`)).status()).toBe(200);
  const refused = await page.request.post(`${appUrl}/api/generate`);
  expect(refused.status()).toBe(402);
  expect(await refused.json()).toMatchObject({ balance: 0 });

  // The page shows the meter full and the paywall instead of the button.
  await page.reload();
  await page.getByRole('region', { name: 'AI ideas' }).getByText('You have used all your AI credits for now.').waitFor({ timeout: 20_000 });
  expect(await page.getByRole('region', { name: 'AI ideas' }).getByRole('meter').getAttribute('aria-valuetext')).toBe('20 of 20 used');
  await page.close();
});

test('the secret key never reaches the browser', async () => {
  const page = await browser.newPage();
  let requests = 0;
  let settled = 0;
  const bodies: Promise<{ url: string; body: string }>[] = [];
  page.on('request', () => (requests += 1));
  page.on('requestfinished', () => (settled += 1));
  page.on('requestfailed', () => (settled += 1));
  page.on('response', (response) => bodies.push(response.text().then((body) => ({ url: response.url(), body }), () => ({ url: response.url(), body: '' }))));
  await signIn(page, 'e2e-secret-check');
  await page.getByRole('heading', { name: 'No plan yet' }).waitFor({ timeout: 20_000 });
  // Everything the page asked for so far has answered, and every answer is read.
  const deadline = Date.now() + 20_000;
  while (settled < requests) {
    if (Date.now() > deadline) throw new Error(`${requests - settled} of the page's ${requests} requests still open after 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const answers = await Promise.all(bodies);
  // The collector saw the answer that matters most: the session route's, signed in.
  expect(answers.some(({ url, body }) => new URL(url).pathname === '/api/billingos-session' && body.includes('"sessionToken"'))).toBe(true);
  const seen = answers.map(({ body }) => body).join('\n');
  expect(seen).not.toContain(api.secretKey);
  expect(seen).not.toContain('sk_test_');
  await page.close();
});

test('signing out in one tab signs every tab out, and the next user in a new tab sees only their own billing', async () => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(appUrl);
  await first.getByLabel('User id').fill('tab-user-a');
  await first.getByRole('button', { name: 'Sign in' }).click();
  await first.getByTestId('customer').filter({ hasText: 'Signed in as tab-user-a' }).waitFor();
  const second = await context.newPage();
  await second.goto(appUrl);
  await second.getByTestId('customer').filter({ hasText: 'Signed in as tab-user-a' }).waitFor();

  await first.getByRole('button', { name: 'Sign out' }).click();
  await first.getByRole('button', { name: 'Sign in' }).waitFor();
  await second.getByRole('button', { name: 'Sign in' }).waitFor();

  await first.getByLabel('User id').fill('tab-user-b');
  await first.getByRole('button', { name: 'Sign in' }).click();
  await first.getByTestId('customer').filter({ hasText: 'Signed in as tab-user-b' }).waitFor();
  const third = await context.newPage();
  await third.goto(appUrl);
  await third.getByTestId('customer').filter({ hasText: 'Signed in as tab-user-b' }).waitFor();
  await context.close();
});
