import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BillingOS } from '@billingos/node';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { launchChromium } from '../../../examples/test-utils/browser';
import { payOnCheckoutPage } from '../../../test-utils/checkout-page';
import { markedSnippets } from '../../../test-utils/readme-snippets';
import { NextFixtureApp } from './utils/next-fixture-app';
import { SupabaseAuthServer } from './utils/supabase-auth-server';
import { signInWithCookies } from './utils/supabase-cookies';

// The README's quickstart exactly as printed: its route, layout and page (the blocks marked
// `<!-- typecheck app/… -->`) are the whole app, built once with `next build` against the built
// packages, with NEXT_PUBLIC_BILLINGOS_API_URL set as the README says, and opened in Chromium.
describe("the README's App Router quickstart, as pasted (next build + next start + Chromium)", () => {
  let api: TestServer;
  let supabase: SupabaseAuthServer;
  let app: NextFixtureApp;
  let appUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    const snippets = (await markedSnippets(join(__dirname, '../README.md'))).filter((snippet) => snippet.path?.startsWith('app/'));
    expect(snippets.map((snippet) => snippet.path).sort()).toEqual(['app/api/billingos-session/route.ts', 'app/billing/page.tsx', 'app/layout.tsx']);
    app = await NextFixtureApp.create(Object.fromEntries(snippets.map((snippet) => [snippet.path!, snippet.code])));
    // The browser's API URL is inlined by `next build`, so the API runs before the build.
    [api, supabase] = await Promise.all([startTestServer(), SupabaseAuthServer.start()]);
    await app.build({ NEXT_PUBLIC_BILLINGOS_API_URL: api.url });
    appUrl = await app.start({
      NEXT_PUBLIC_SUPABASE_URL: supabase.url,
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: supabase.anonKey,
      BILLINGOS_SECRET_KEY: api.secretKey,
      BILLINGOS_API_URL: api.url,
    }, '/billing'); // the quickstart has no home page
    browser = await launchChromium();
    const billing = new BillingOS({ secretKey: api.secretKey, apiUrl: api.url });
    await billing.products.create({ name: 'Pro', prices: [{ amount: 2900, currency: 'usd', interval: 'month' }] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
    await Promise.all([api?.close(), supabase?.close()]);
  });

  /** Uncaught errors, and the statuses of the session route's answers. */
  function watch(page: Page) {
    const pageErrors: string[] = [];
    const sessionStatuses: number[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/billingos-session') sessionStatuses.push(response.status());
    });
    return { pageErrors, sessionStatuses };
  }

  test('next build inlined NEXT_PUBLIC_BILLINGOS_API_URL into the browser bundle (the provider got no apiUrl prop)', async () => {
    const chunks = join(app.dir, '.next/static/chunks');
    const files = (await readdir(chunks, { recursive: true })).filter((file) => file.endsWith('.js'));
    const texts = await Promise.all(files.map((file) => readFile(join(chunks, file), 'utf8')));
    expect(texts.some((text) => text.includes(api.url))).toBe(true);
  });

  test('a signed-out visitor is told to sign in: the route answers 401 and the portal shows no plan', async () => {
    const page = await browser.newPage();
    const { pageErrors, sessionStatuses } = watch(page);
    await page.goto(`${appUrl}/billing`);
    const portal = page.getByRole('region', { name: 'Billing' });
    await portal.getByRole('alert').filter({ hasText: 'You are signed out. Sign in again to see your billing.' }).waitFor({ timeout: 20_000 });
    expect(sessionStatuses).toContain(401);
    expect(sessionStatuses.every((status) => status === 401)).toBe(true);
    const text = await portal.textContent();
    expect(text).not.toMatch(/Free plan|No plan yet|Subscribe/);
    await expect(portal.getByRole('button', { name: 'Retry' }).count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  test('a signed-in user sees the empty state with the plans, subscribes to Pro through the confirmation dialog and the checkout page, and the portal shows it', async () => {
    supabase.createUser({ email: 'readme@example.com', password: 'pw-readme-123' });
    const jar = await signInWithCookies(supabase, { email: 'readme@example.com', password: 'pw-readme-123' });
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    await context.addCookies(jar.cookies.map(({ name, value }) => ({ name, value: encodeURIComponent(value), url: appUrl })));
    const page = await context.newPage();
    const { pageErrors, sessionStatuses } = watch(page);
    await page.goto(`${appUrl}/billing`);
    const portal = page.getByRole('region', { name: 'Billing' });
    await portal.getByRole('heading', { name: 'No plan yet' }).waitFor({ timeout: 20_000 });
    await portal.getByRole('listitem', { name: 'Pro' }).getByRole('button', { name: 'Subscribe' }).click();
    // A paid plan is paid for on the API's checkout page, which brings the buyer back to /billing.
    await page.getByRole('dialog', { name: 'Subscribe to Pro' }).getByRole('button', { name: 'Continue to payment' }).click();
    await payOnCheckoutPage(page, `${appUrl}/billing`);
    await portal.getByRole('heading', { name: 'Pro', exact: true, level: 2 }).waitFor({ timeout: 20_000 });
    expect(await portal.textContent()).toContain('$29 / month');
    expect(sessionStatuses[0]).toBe(200);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
