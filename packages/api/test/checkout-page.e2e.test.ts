import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { launchChromium } from '../../../examples/test-utils/browser';
import { client } from './support/http';

const SHOTS = '/tmp/shots';
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const EXPIRY = `12${String(new Date().getUTCFullYear() + 2).slice(2)}`;

let server: TestServer;
let api: ReturnType<typeof client>;
let merchant: { url: string; server: Server };
let browser: Browser;
let prices: { pro: string; trial: string };

/** The merchant's site, on an origin of its own: where successUrl and cancelUrl lead. */
async function startMerchantSite(): Promise<{ url: string; server: Server }> {
  const site = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><html lang="en"><title>Merchant</title><h1>${path === '/done' ? 'Welcome to Pro' : 'Pricing'}</h1></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(site.address() as AddressInfo).port}`, server: site };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [server, merchant, browser] = await Promise.all([startTestServer({ lifecycleIntervalMs: 0 }), startMerchantSite(), launchChromium()]);
  api = client(server.url);
  const pro = await api('POST', '/v1/products', {
    key: server.secretKey,
    body: { name: 'Pro', featureKeys: ['pro'], prices: [{ amount: 2500, currency: 'usd', interval: 'month' }, { amount: 2500, currency: 'usd', interval: 'month', trialDays: 14 }] },
  });
  prices = { pro: pro.body.prices[0].id, trial: pro.body.prices[1].id };
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => merchant?.server.close(resolve));
  await server?.close();
});

async function checkout(externalUserId: string, priceId = prices.pro) {
  const created = await api('POST', '/v1/checkout-sessions', {
    key: server.secretKey,
    body: { externalUserId, mode: 'subscription', priceId, successUrl: `${merchant.url}/done`, cancelUrl: `${merchant.url}/pricing` },
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; url: string; clientSecret: string; customerId: string };
}

interface Tab {
  page: Page;
  context: BrowserContext;
  /** Console errors and page errors about the Content-Security-Policy (or any script error). */
  violations: string[];
}

async function openTab(options: { width?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 860 }, colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(error.message));
  return { page, context, violations };
}

/** axe-core's violations, run through the DevTools protocol (the page's CSP allows no script, rightly). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: (options: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run({
      resultTypes: ['violations'],
    }),
  );
  return results.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
}

/** Tab until the field has focus, as a keyboard user would. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let presses = 0; presses < 15; presses += 1) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

/** Submits the form with Enter and waits for the page it answers with (same URL: a field or card problem). */
async function submitForProblem(page: Page, url: string): Promise<string> {
  await Promise.all([page.waitForResponse((response) => response.url() === url && response.request().method() === 'POST'), page.keyboard.press('Enter')]);
  await page.waitForLoadState();
  return (await page.textContent('[role="alert"]')) ?? '';
}

async function typeCard(page: Page, number: string): Promise<void> {
  await tabTo(page, 'number');
  await page.keyboard.type(number);
  await page.keyboard.press('Tab');
  await page.keyboard.type(EXPIRY.replace(/^(\d\d)/, '$1 / '));
  await page.keyboard.press('Tab');
  await page.keyboard.type('123');
}

test('keyboard only: Tab to the card, type 4242, Enter, and land on the merchant (another origin) with session_id; axe finds nothing, light or dark', async () => {
  const created = await checkout('e2e_keyboard');
  for (const colorScheme of ['light', 'dark'] as const) {
    const { page, context, violations } = await openTab({ colorScheme });
    await page.goto(created.url);
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/checkout-${colorScheme}.png`, fullPage: true });
    expect(violations).toEqual([]);
    await context.close();
  }

  const { page, context, violations } = await openTab();
  await page.goto(created.url);
  await typeCard(page, '4242 4242 4242 4242');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).toBe('solid');
  await Promise.all([page.waitForURL(`${merchant.url}/done?session_id=${created.id}`), page.keyboard.press('Enter')]);
  expect(await page.textContent('h1')).toBe('Welcome to Pro');
  await page.goto(created.url);
  expect(await page.textContent('h1')).toBe('Payment complete');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/checkout-complete.png` });
  expect(violations).toEqual([]);
  await context.close();
});

test("the cross-origin redirect passes only because form-action names the merchant's origin (without it Chromium refuses)", async () => {
  const created = await checkout('e2e_form_action');
  const { page, context, violations } = await openTab();
  await page.route(created.url, async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const response = await route.fetch();
    const csp = response.headers()['content-security-policy']!;
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp.replace(` ${merchant.url}`, '') } });
  });
  await page.goto(created.url);
  await typeCard(page, '4242 4242 4242 4242');
  const refused = page.waitForEvent('console', (message) => /form-action/.test(message.text()));
  await page.keyboard.press('Enter');
  await refused;
  expect(page.url()).not.toContain(merchant.url);
  expect(violations.some((text) => /form-action/.test(text))).toBe(true);
  await context.close();
});

test('a declined card: the alert says so, the number field is marked and focused, nothing typed comes back; axe finds nothing', async () => {
  const created = await checkout('e2e_decline');
  const { page, context, violations } = await openTab();
  await page.goto(created.url);
  await typeCard(page, '4000 0000 0000 0002');
  expect(await submitForProblem(page, created.url)).toBe('Your card was declined.');
  expect(await page.getAttribute('#number', 'aria-invalid')).toBe('true');
  await page.waitForFunction(() => document.activeElement?.id === 'number');
  expect(await page.inputValue('#number')).toBe('');
  expect(await page.inputValue('#cvc')).toBe('');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/checkout-decline.png`, fullPage: true });
  expect(violations).toEqual([]);
  await context.close();
});

test("4000 0027 6000 3184: the bank's page, Complete, back through the checkout to the merchant", async () => {
  const created = await checkout('e2e_3ds');
  const { page, context, violations } = await openTab();
  await page.goto(created.url);
  await typeCard(page, '4000 0027 6000 3184');
  await Promise.all([page.waitForURL(/\/v1\/test-payments\/tpay_\w+\/authenticate/), page.keyboard.press('Enter')]);
  expect(await page.textContent('h1')).toBe('Confirm this test payment');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/test-payment.png` });
  await Promise.all([page.waitForURL(`${merchant.url}/done?session_id=${created.id}`), page.getByRole('button', { name: 'Complete' }).click()]);
  expect(violations).toEqual([]);
  await context.close();
  const invoices = await api('GET', `/v1/invoices?customerId=${created.customerId}`, { key: server.secretKey });
  expect(invoices.body.data).toEqual([expect.objectContaining({ status: 'paid', total: 2500 })]);
});

test('375 px wide: no horizontal scroll on the checkout, its error state, or the invoice', async () => {
  const created = await checkout('e2e_mobile', prices.trial);
  const { page, context, violations } = await openTab({ width: 375 });
  const noHorizontalScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  await page.goto(created.url);
  expect(await noHorizontalScroll()).toBe(true);
  await page.screenshot({ path: `${SHOTS}/checkout-mobile.png`, fullPage: true });
  await typeCard(page, '4242 4242 4242 4241');
  expect(await submitForProblem(page, created.url)).toBe('Your card number is incorrect.');
  expect(await noHorizontalScroll()).toBe(true);
  await page.fill('#number', '4242 4242 4242 4242');
  await page.fill('#cvc', '123');
  await Promise.all([page.waitForURL(`${merchant.url}/done?session_id=${created.id}`), page.press('#cvc', 'Enter')]);
  const [invoice] = (await api('GET', `/v1/invoices?customerId=${created.customerId}`, { key: server.secretKey })).body.data;
  await page.goto(invoice.hostedInvoiceUrl);
  expect(await noHorizontalScroll()).toBe(true);
  expect(violations).toEqual([]);
  await context.close();
});

test('the hosted invoice page: axe finds nothing (light, dark, print); a screenshot to look at', async () => {
  const created = await checkout('e2e_invoice');
  await api('PATCH', `/v1/customers/${created.customerId}`, { key: server.secretKey, body: { email: 'ada@example.com', name: 'Ada Lovelace' } });
  const paid = await api('POST', `/v1/checkout-sessions/${created.id}/confirm`, { body: { clientSecret: created.clientSecret, paymentMethodId: 'pm_card_visa' } });
  expect(paid.body.status).toBe('complete');
  const [invoice] = (await api('GET', `/v1/invoices?customerId=${created.customerId}`, { key: server.secretKey })).body.data;
  const { page, context, violations } = await openTab();
  await page.goto(invoice.hostedInvoiceUrl);
  expect(await page.textContent('h1')).toContain(invoice.number);
  for (const media of [{ colorScheme: 'light' }, { colorScheme: 'dark' }, { media: 'print', colorScheme: 'light' }] as const) {
    await page.emulateMedia(media);
    expect([media, await axeViolations(page)]).toEqual([media, []]);
    if (!('media' in media) && media.colorScheme === 'light') await page.screenshot({ path: `${SHOTS}/invoice.png`, fullPage: true });
    if ('media' in media) await page.screenshot({ path: `${SHOTS}/invoice-print.png`, fullPage: true });
  }
  expect(violations).toEqual([]);
  await context.close();
});

test("an incomplete subscription's open invoice: axe finds nothing on its card form (light, dark); keyboard only, a decline then 4242 pays it", async () => {
  const customer = await api('POST', '/v1/customers', { key: server.secretKey, body: { externalUserId: 'e2e_open_invoice', name: 'Grace Hopper' } });
  const subscription = await api('POST', '/v1/subscriptions', { key: server.secretKey, body: { customerId: customer.body.id, priceId: prices.pro } });
  expect(subscription.body.status).toBe('incomplete');
  const [invoice] = (await api('GET', `/v1/invoices?subscriptionId=${subscription.body.id}`, { key: server.secretKey })).body.data;
  const { page, context, violations } = await openTab();
  await page.goto(invoice.hostedInvoiceUrl);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect([colorScheme, await axeViolations(page)]).toEqual([colorScheme, []]);
    await page.screenshot({ path: `${SHOTS}/invoice-open-${colorScheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await typeCard(page, '4000 0000 0000 0002');
  await Promise.all([page.waitForLoadState('load'), page.press('#cvc', 'Enter')]);
  expect(await page.textContent('#card-error')).toMatch(/^Your card was declined\./);
  expect(await axeViolations(page)).toEqual([]);
  await page.fill('#number', '4242 4242 4242 4242');
  await page.fill('#cvc', '123');
  await Promise.all([page.waitForURL(invoice.hostedInvoiceUrl), page.press('#cvc', 'Enter')]);
  await page.getByText('Paid', { exact: true }).first().waitFor();
  expect((await api('GET', `/v1/subscriptions/${subscription.body.id}`, { key: server.secretKey })).body.status).toBe('active');
  expect(violations).toEqual([]);
  await context.close();
});
