import { startTestServer, type TestServer } from '@billingos/api/testing';
import { BillingOS } from '@billingos/node';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startMerchantSite, type MerchantSite } from './merchantSite';

let api: TestServer;
let site: MerchantSite;
let browser: Browser;
let context: BrowserContext;
let proProductId: string;
const apiStatuses: number[] = [];

beforeAll(async () => {
  api = await startTestServer();
  const billing = new BillingOS({ secretKey: api.secretKey, apiUrl: api.url });
  const pro = await billing.products.create({ name: 'Pro', featureKeys: ['exports'], prices: [{ amount: 2900, currency: 'usd', interval: 'month' }] });
  proProductId = pro.id;
  const customer = await billing.customers.create({ externalUserId: 'ada' });
  // A card first: a secret-key subscription to a paid price charges it, else starts `incomplete` (no features).
  await billing.paymentMethods.attach(customer.id, { paymentMethodId: 'pm_card_visa' });
  await billing.subscriptions.create({ customerId: customer.id, priceId: pro.prices[0]!.id });
  // 60 s is the shortest lifetime the API issues: the SDK refreshes it at half-life, 30 s in.
  site = await startMerchantSite(billing, api.url, 60);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  context = await browser.newContext();
  context.on('response', (response) => {
    if (response.url().startsWith(api.url) && response.request().method() !== 'OPTIONS') apiStatuses.push(response.status());
  });
  await context.request.get(`${site.url}/login?uid=ada`, { maxRedirects: 0 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await api?.close();
});

async function openTab(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(site.url);
  // Customer, subscriptions and products are three queries: wait for all of them, not the first.
  const loaded = () =>
    document.querySelector('#customer')?.textContent === 'ada' && ['plan', 'products'].every((id) => document.querySelector(`#${id}`)?.textContent !== 'loading');
  await page.waitForFunction(loaded, null, { timeout: 20_000 });
  return page;
}

const text = (page: Page, id: string) => page.locator(`#${id}`).textContent();

test('the page shows the customer’s billing from the real API, across origins (CORS)', async () => {
  const page = await openTab();
  expect(await text(page, 'plan')).toBe(proProductId);
  expect(await text(page, 'exports')).toBe('true');
  expect(await text(page, 'products')).toBe('1');
  expect(site.tokenRequests).toBe(1);
});

test('a second tab of the same origin shares the first tab’s token: still one token request', async () => {
  const [first] = context.pages();
  const second = await openTab();
  expect(await text(second, 'token')).toBe(await text(first!, 'token'));
  expect(site.tokenRequests).toBe(1);
});

/** The next answer to the page's `GET /v1/me/subscriptions` (what `#refetch` asks for). */
const subscriptionsResponse = (page: Page) =>
  page.waitForResponse((response) => response.request().method() === 'GET' && response.url().startsWith(`${api.url}/v1/me/subscriptions`), { timeout: 15_000 });

test('both tabs move to a new token before the 60 s one expires, with one request and no failed call', async () => {
  const [first, second] = context.pages();
  const before = await text(first!, 'token');
  await first!.waitForFunction((old) => document.querySelector('#token')?.textContent !== old, before, { timeout: 45_000 });
  await second!.waitForFunction((old) => document.querySelector('#token')?.textContent !== old, before, { timeout: 5_000 });
  const rotated = (await text(first!, 'token'))!;
  expect(await text(second!, 'token')).toBe(rotated);
  expect(site.tokenRequests).toBe(2);

  // Each tab's refetch after the rotation must answer, first time, with the new token.
  const [firstAnswer, secondAnswer] = await Promise.all([subscriptionsResponse(first!), subscriptionsResponse(second!), first!.click('#refetch'), second!.click('#refetch')]);
  for (const answer of [firstAnswer, secondAnswer]) {
    expect(answer.status()).toBe(200);
    expect((await answer.request().headerValue('authorization'))?.endsWith(rotated)).toBe(true);
  }
  expect(await text(first!, 'plan')).toBe(proProductId);
  expect(await text(second!, 'plan')).toBe(proProductId);
  expect(apiStatuses.filter((status) => status !== 200)).toEqual([]);
  expect(site.tokenRequests).toBe(2);
}, 90_000);
