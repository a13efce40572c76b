import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { BillingOS } from '@billingos/node';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startCheckoutSite, type CheckoutSite } from './checkoutSite';

let api: TestServer;
let billing: BillingOS;
let site: CheckoutSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let priceId: string;
const problems: string[] = [];
const axeSource = require.resolve('axe-core/axe.min.js');
const year = String(new Date().getUTCFullYear() + 2).slice(2);
/** With BILLINGOS_SCREENSHOTS set, the README's checkout screenshot is taken from these pages. */
const shots = process.env.BILLINGOS_SCREENSHOTS ? join(__dirname, '..', '..', 'docs') : null;

beforeAll(async () => {
  api = await startTestServer();
  billing = new BillingOS({ secretKey: api.secretKey, apiUrl: api.url });
  const team = await billing.products.create({ name: 'Team', features: [{ key: 'exports', type: 'boolean' }], prices: [{ amount: 2900, currency: 'usd', interval: 'month' }] });
  priceId = team.prices[0]!.id;
  site = await startCheckoutSite(billing, api.url);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  context = await browser.newContext({ viewport: { width: 900, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()} ${message.location().url}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await api?.close();
});

/** Signs `user` in (the site's auth cookie) and opens the checkout page, ready to pay. */
async function openCheckout(user: string, theme: 'light' | 'dark' = 'light') {
  await context.request.get(`${site.url}/login?uid=${user}`, { maxRedirects: 0 });
  await page.goto(`${site.url}/?price=${priceId}&theme=${theme}`);
  await page.getByRole('button', { name: 'Pay $29.00' }).waitFor({ timeout: 20_000 });
}

async function axeViolations(): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  const results = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run());
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Presses Tab until the focused field has `autocomplete` (what a keyboard user does). */
async function tabToField(autocomplete: string): Promise<void> {
  for (let presses = 0; presses < 10; presses += 1) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))) === autocomplete) return;
  }
  throw new Error(`Tab never reached the ${autocomplete} field`);
}

async function subscriptionsOf(user: string) {
  const [customer] = (await billing.customers.list({ externalUserId: user })).data;
  return customer ? (await billing.subscriptions.list({ customerId: customer.id })).data : [];
}

test('keyboard only, across origins: Tab through the labelled fields, type 4242, Enter pays, and the browser goes to successUrl', async () => {
  await openCheckout('kb');
  expect(await page.getByRole('region', { name: 'Payment' }).textContent()).toContain('Due today$29.00');
  expect(await axeViolations()).toEqual([]);

  await tabToField('cc-number');
  await page.keyboard.type('4242424242424242');
  expect(await page.getByLabel('Card number').inputValue()).toBe('4242 4242 4242 4242');
  await page.keyboard.press('Tab');
  await page.keyboard.type(`12${year}`);
  expect(await page.getByLabel('Expiry date (MM / YY)').inputValue()).toBe(`12 / ${year}`);
  await page.keyboard.press('Tab');
  await page.keyboard.type('123');
  if (shots) {
    mkdirSync(shots, { recursive: true });
    await page.locator('.billingos-checkout').screenshot({ path: join(shots, 'checkout-light.png') });
  }
  await page.keyboard.press('Enter');

  await page.waitForURL(/\/welcome\?session_id=cs_\w+$/, { timeout: 20_000 });
  expect(await subscriptionsOf('kb')).toEqual([expect.objectContaining({ status: 'active' })]);
  expect(problems).toEqual([]);
});

test('a declined card in the dark theme: the alert in the buyer’s words, focus back on the number, axe-clean', async () => {
  await openCheckout('dark-decline', 'dark');
  await page.getByLabel('Card number').fill('4000 0000 0000 0002');
  await page.getByLabel('Expiry date (MM / YY)').fill(`12${year}`);
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByRole('button', { name: 'Pay $29.00' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 20_000 });
  expect(await alert.textContent()).toBe('Your card was declined. Try another card.');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('cc-number');
  expect(await page.content()).not.toMatch(/4000 ?0000 ?0000 ?0002/);
  if (shots) await page.locator('.billingos-checkout').screenshot({ path: join(shots, 'checkout-declined-dark.png') });
  expect(await axeViolations()).toEqual([]);
  expect(await subscriptionsOf('dark-decline')).toEqual([]);
  expect(problems).toEqual([]);
});

test('3184: the bank’s page opens in a new tab; Complete there, back to the checkout, and it finishes by itself', async () => {
  await openCheckout('bank');
  await page.getByLabel('Card number').fill('4000002760003184');
  await page.getByLabel('Expiry date (MM / YY)').fill(`12${year}`);
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByRole('button', { name: 'Pay $29.00' }).click();
  const link = page.getByRole('link', { name: 'Confirm with your bank (opens in a new tab)' });
  await link.waitFor({ timeout: 20_000 });
  expect(await axeViolations()).toEqual([]);

  const [bank] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await bank.getByRole('button', { name: 'Complete' }).click();
  await bank.waitForLoadState();
  await bank.close();
  await page.bringToFront();
  // Headless Chromium sends no focus when a tab comes back to the front; a browser with windows does.
  await page.evaluate(() => window.dispatchEvent(new FocusEvent('focus')));
  await page.waitForURL(/\/welcome\?session_id=cs_\w+$/, { timeout: 20_000 });
  expect(await subscriptionsOf('bank')).toEqual([expect.objectContaining({ status: 'active' })]);
  expect(problems).toEqual([]);
});
