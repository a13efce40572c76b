import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { BillingOS } from '@billingos/node';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startThemeSite, type ThemeSite } from './themeSite';

let api: TestServer;
let site: ThemeSite;
let browser: Browser;
const axeSource = require.resolve('axe-core/axe.min.js');
// BILLINGOS_THEME_SHOTS=/tmp/shots keeps a screenshot of each component in each case, to look at.
const shots = process.env.BILLINGOS_THEME_SHOTS;

beforeAll(async () => {
  api = await startTestServer();
  const billing = new BillingOS({ secretKey: api.secretKey, apiUrl: api.url });
  const features = [
    { key: 'reports', type: 'boolean' },
    { key: 'ai_credits', name: 'AI credits', type: 'metered', limit: 100, reset: 'period' },
  ] as const;
  const [starter] = await Promise.all([
    billing.products.create({
      name: 'Starter',
      description: 'For side projects',
      features: [...features],
      prices: [
        { amount: 900, currency: 'usd', interval: 'month' },
        { amount: 9000, currency: 'usd', interval: 'year' },
      ],
    }),
    billing.products.create({
      name: 'Team',
      description: 'For growing teams',
      features: [...features, { key: 'exports', name: 'Data exports', type: 'boolean' }],
      prices: [
        { amount: 2900, currency: 'usd', interval: 'month', trialDays: 14 },
        { amount: 29000, currency: 'usd', interval: 'year' },
      ],
    }),
    billing.products.create({ name: 'Solo', description: 'Just you', features: [features[0]], prices: [{ amount: 500, currency: 'usd', interval: 'month' }] }),
  ]);
  const customer = await billing.customers.create({ externalUserId: 'ada' });
  // A card first: a secret-key subscription to a paid price charges it, else starts `incomplete` (no features).
  await billing.paymentMethods.attach(customer.id, { paymentMethodId: 'pm_card_visa' });
  await billing.subscriptions.create({ customerId: customer.id, priceId: starter.prices.find((price) => price.interval === 'month')!.id });
  await billing.usage.record({ customerId: customer.id, featureKey: 'ai_credits', value: 85 });
  site = await startThemeSite(billing, api.url, api.publishableKey);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  if (shots) mkdirSync(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await api?.close();
});

async function axeViolations(page: Page): Promise<string[]> {
  // Skeletons pulse and dialogs rise in: colours measured mid-animation are partly transparent.
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity));
  await page.addScriptTag({ path: axeSource });
  const results = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run());
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** The page's own background colour and the component's, to name in a screenshot. */
const cases = [
  { page: 'light', theme: 'light', scheme: 'light' },
  // What a new user reported: a dark theme on a light page.
  { page: 'light', theme: 'dark', scheme: 'light' },
  // A light-only site seen by a visitor whose system is dark: `auto` turns the components dark.
  { page: 'light', theme: 'auto', scheme: 'dark' },
  { page: 'dark', theme: 'dark', scheme: 'dark' },
  { page: 'dark', theme: 'light', scheme: 'dark' },
] as const;

describe.each([false, true])('signed in: %p', (signedIn) => {
  test.each(cases)('a $page page, the $theme theme, a $scheme system: every text readable on what is behind it (axe), nothing logged', async ({ page: pageTheme, theme, scheme }) => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1000 }, locale: 'en-US', timezoneId: 'UTC', colorScheme: scheme });
    if (signedIn) await context.request.get(`${site.url}/login?uid=ada`, { maxRedirects: 0 });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    try {
      await page.goto(`${site.url}/?page=${pageTheme}&theme=${theme}`);
      const pricing = page.locator('#pricing');
      await pricing.getByRole('listitem', { name: 'Solo' }).waitFor({ timeout: 20_000 });
      if (signedIn) {
        await page.locator('#portal').getByRole('heading', { name: 'Starter', level: 2 }).waitFor({ timeout: 20_000 });
        await page.locator('#sidebar').getByRole('meter', { name: 'AI credits' }).waitFor({ timeout: 20_000 });
        expect(await pricing.getByRole('link').count()).toBe(0);
      } else {
        await page.locator('#sidebar').getByRole('alert').waitFor({ timeout: 20_000 });
        expect(await pricing.getByRole('link', { name: 'Subscribe' }).first().getAttribute('href')).toBe('/sign-in');
        expect(await page.locator('#portal').getByRole('alert').textContent()).toBe('You are signed out. Sign in again to see your billing.Sign in');
        expect(await pricing.getByRole('alert').count()).toBe(0);
      }
      await page.evaluate(() => document.fonts.ready);
      expect(await axeViolations(page)).toEqual([]);

      const name = `${signedIn ? 'signed-in' : 'signed-out'}-${pageTheme}-page-${theme}-theme-${scheme}-system`;
      if (shots) {
        for (const part of ['pricing', 'portal', 'sidebar']) await page.locator(`#${part}`).screenshot({ path: join(shots, `${name}-${part}.png`) });
      }
      // The yearly view keeps the monthly-only plan, saying so.
      await pricing.getByRole('button', { name: 'Yearly' }).click();
      expect(await pricing.getByRole('listitem', { name: 'Solo' }).textContent()).toContain('Monthly only');
      expect(await axeViolations(page)).toEqual([]);
      if (shots) await pricing.screenshot({ path: join(shots, `${name}-pricing-yearly.png`) });
      // Signed out, the browser logs the session route's one 401, and nothing asked it again meanwhile.
      expect(problems).toEqual(signedIn ? [] : ['error: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    } finally {
      await context.close();
    }
  });
});
