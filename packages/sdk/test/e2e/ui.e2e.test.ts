import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { BillingOS } from '@billingos/node';
import { chromium, type Browser, type Page } from 'playwright-core';
import { payOnCheckoutPage } from '../../../../test-utils/checkout-page';
import { startUISite, type UISite } from './uiSite';

let api: TestServer;
let billing: BillingOS;
let site: UISite;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const axeSource = require.resolve('axe-core/axe.min.js');

beforeAll(async () => {
  api = await startTestServer();
  billing = new BillingOS({ secretKey: api.secretKey, apiUrl: api.url });
  await billing.products.create({
    name: 'Starter',
    description: 'For side projects',
    features: [
      { key: 'reports', type: 'boolean' },
      { key: 'ai_credits', type: 'metered', limit: 20, reset: 'period' },
    ],
    prices: [
      { amount: 900, currency: 'usd', interval: 'month' },
      { amount: 9000, currency: 'usd', interval: 'year' },
    ],
  });
  await billing.products.create({
    name: 'Team',
    description: 'For growing teams',
    features: [
      { key: 'reports', type: 'boolean' },
      { key: 'exports', type: 'boolean' },
      { key: 'ai_credits', type: 'metered', limit: 100, reset: 'period' },
    ],
    prices: [
      { amount: 2900, currency: 'usd', interval: 'month' },
      { amount: 29000, currency: 'usd', interval: 'year' },
    ],
  });
  site = await startUISite(billing, api.url);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  await context.request.get(`${site.url}/login?uid=ada`, { maxRedirects: 0 });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await api?.close();
});

/** axe-core's violations on the page as it is now. */
async function axeViolations(): Promise<string[]> {
  // A dialog fades and rises in: colours measured mid-animation are partly transparent (a skeleton's endless pulse aside).
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity));
  await page.addScriptTag({ path: axeSource });
  const results = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run());
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Presses Tab until the focused element's text is `name` (what a keyboard user does). */
async function tabTo(name: string | RegExp): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim());
const portal = () => page.getByRole('region', { name: 'Billing' });
const plan = (name: string) => page.getByRole('listitem', { name });

test('the server-rendered page hydrates without a warning and shows the empty state, axe-clean', async () => {
  const response = await page.goto(site.url);
  expect(await response!.text()).toContain('Loading billing…');
  await page.getByRole('heading', { name: 'No plan yet' }).waitFor({ timeout: 20_000 });
  await plan('Starter').waitFor();
  expect(await page.locator('#gate').textContent()).toBe('Exports are locked on your plan.');
  expect(await axeViolations()).toEqual([]);
  expect(problems).toEqual([]);
});

test('subscribe with the keyboard only: Tab to the plan, Enter, the dialog takes focus, Escape gives it back, Enter goes to payment, the page comes back on the plan', async () => {
  await tabTo('Yearly');
  await page.keyboard.press('Enter');
  expect(await plan('Starter').textContent()).toContain('$90 / year');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  expect(await plan('Starter').textContent()).toContain('$9 / month');

  await tabTo('Subscribe');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby') && document.getElementById(document.activeElement.getAttribute('aria-describedby')!)?.textContent)).toBe('Starter');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Subscribe to Starter' });
  await dialog.waitFor();
  expect(await dialog.getAttribute('aria-modal')).toBe('true');
  // A paid plan without a trial is paid for first, on the API's checkout page.
  expect(await dialog.textContent()).toContain('You pay $9 / month on the next page; your plan starts once the payment goes through.');
  expect(await focusedText()).toBe('Continue to payment');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await focusedText()).toBe('Continue to payment');
  expect(await axeViolations()).toEqual([]);
  // Escape closes the dialog and focus comes back to the button that opened it.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await focusedText()).toBe('Subscribe');

  await page.keyboard.press('Enter');
  await dialog.waitFor();
  expect(await focusedText()).toBe('Continue to payment');
  const here = page.url();
  await page.keyboard.press('Enter');
  await payOnCheckoutPage(page, here);

  // Back on the page the buyer left, subscribed.
  await page.getByRole('heading', { name: 'Starter', level: 2 }).waitFor({ timeout: 20_000 });
  expect(await portal().textContent()).toContain('Active');
  expect(await portal().textContent()).toContain('$9 / month');
  expect(await page.locator('#gate').textContent()).toBe('Exports are locked on your plan.');
  expect(await page.getByRole('meter', { name: 'AI credits' }).getAttribute('aria-valuetext')).toBe('0 of 20 used');
  expect(await axeViolations()).toEqual([]);
  expect(problems).toEqual([]);
});

test('upgrading through the portal unlocks the Protect gate; a downgrade is scheduled for the period end and can be kept', async () => {
  await page.getByRole('button', { name: 'Change plan' }).click();
  await plan('Team').getByRole('button', { name: 'Upgrade' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('heading', { name: 'Team', level: 2 }).waitFor({ timeout: 20_000 });
  await page.locator('#gate', { hasText: 'Exports are unlocked.' }).waitFor();

  await plan('Starter').getByRole('button', { name: 'Downgrade' }).click();
  expect(await page.getByRole('dialog').textContent()).toMatch(/You keep Team until .+\. Then your plan changes to Starter, at \$9 \/ month\./);
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await plan('Starter').getByRole('button', { name: 'Scheduled' }).waitFor({ timeout: 20_000 });
  expect(await portal().textContent()).toMatch(/Changes to Starter \(\$9 \/ month\) on /);
  expect(await page.locator('#gate').textContent()).toBe('Exports are unlocked.');
  expect(await axeViolations()).toEqual([]);

  await page.getByRole('button', { name: 'Keep Team' }).click();
  await page.getByRole('button', { name: 'Keep Team' }).waitFor({ state: 'detached', timeout: 20_000 });
  await page.getByRole('button', { name: 'Hide plans' }).click();
  expect(problems).toEqual([]);
});

test('cancel at the period end, then resume', async () => {
  await page.getByRole('button', { name: 'Cancel plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel Team?' });
  expect(await focusedText()).toBe('Go back');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await focusedText()).toBe('Cancel plan');

  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Cancel plan' }).click();
  await page.getByRole('button', { name: 'Resume plan' }).waitFor({ timeout: 20_000 });
  expect(await portal().textContent()).toMatch(/Canceling.*Ends on /);
  expect(await focusedText()).toBe('Resume plan');

  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Cancel plan' }).waitFor({ timeout: 20_000 });
  expect(await portal().textContent()).toMatch(/Active.*Renews on /);
  expect(problems).toEqual([]);
});

test('the meter counts down after the merchant’s server tracks usage with the secret key', async () => {
  const tracked = await fetch(`${api.url}/v1/entitlements/check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ externalUserId: 'ada', featureKey: 'ai_credits', requiredBalance: 85, track: true }),
  });
  expect(await tracked.json()).toMatchObject({ allowed: true, usage: 85, balance: 15 });
  await page.getByRole('button', { name: 'Refresh billing' }).click();
  const meter = page.getByRole('meter', { name: 'AI credits' });
  await page.waitForFunction(() => document.querySelector('[role="meter"]')?.getAttribute('aria-valuenow') === '85', null, { timeout: 20_000 });
  expect(await meter.getAttribute('aria-valuetext')).toBe('85 of 100 used');
  expect(await meter.getAttribute('data-level')).toBe('high');
  expect(await axeViolations()).toEqual([]);
  expect(problems).toEqual([]);
});

test('the dark theme is axe-clean too (and the README screenshots are taken from these pages)', async () => {
  const shots = process.env.BILLINGOS_SCREENSHOTS ? join(__dirname, '..', '..', 'docs') : null;
  if (shots) {
    mkdirSync(shots, { recursive: true });
    await page.getByRole('button', { name: 'Change plan' }).click();
    await page.locator('.billingos-portal').screenshot({ path: join(shots, 'billing-portal-light.png') });
  }
  await page.goto(`${site.url}/?theme=dark`);
  await page.getByRole('heading', { name: 'Team', level: 2 }).waitFor({ timeout: 20_000 });
  await page.getByRole('meter', { name: 'AI credits' }).waitFor();
  expect(await axeViolations()).toEqual([]);
  await page.getByRole('button', { name: 'Change plan' }).click();
  await plan('Starter').getByRole('button', { name: 'Downgrade' }).click();
  expect(await axeViolations()).toEqual([]);
  if (shots) await page.screenshot({ path: join(shots, 'pricing-dialog-dark.png') });
  await page.keyboard.press('Escape');
  expect(problems).toEqual([]);
});
