import type { Page } from 'playwright-core';

/**
 * On the API's checkout page (where a pricing table sent `page`), pays with a test card the way a
 * buyer does (number, expiry, CVC, the Pay button) and waits until the browser is back on
 * `returnUrl` with the checkout's `session_id`.
 */
export async function payOnCheckoutPage(page: Page, returnUrl: string, number = '4242 4242 4242 4242'): Promise<void> {
  await page.waitForURL(/\/checkout\/cs_\w+_secret_/, { timeout: 20_000 });
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry (MM / YY)').fill(`12 / ${String(new Date().getUTCFullYear() + 2).slice(2)}`);
  await page.getByLabel('CVC').fill('123');
  const back = (url: URL) => url.href.startsWith(returnUrl) && url.searchParams.has('session_id');
  await Promise.all([page.waitForURL(back, { timeout: 20_000 }), page.getByRole('button', { name: /^Pay / }).click()]);
}
