import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { launchChromium } from '../../test-utils/browser';

const exampleDir = join(__dirname, '..');
let api: TestServer;
let app: ChildProcess;
let appUrl: string;
let browser: Browser;

function run(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(command, args, { cwd: exampleDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Example dashboard on (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`example exited with ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  const build = run(process.execPath, ['build.mjs']);
  await new Promise((resolve, reject) => build.on('exit', (code) => (code === 0 ? resolve(code) : reject(new Error(`build failed: ${code}`)))));
  api = await startTestServer();
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

test('a signed-in user subscribes, upgrades and cancels from the dashboard', async () => {
  const page = await browser.newPage();
  await signIn(page, 'e2e-user');
  await page.getByText('No active subscription.').waitFor();

  await page.getByRole('button', { name: 'Subscribe to Starter' }).click();
  await page.getByTestId('plan-name').filter({ hasText: 'Starter' }).waitFor();
  await page.getByTestId('advanced-reports').filter({ hasText: 'upgrade to Pro' }).waitFor();
  expect(await page.getByTestId('features').textContent()).toContain('basic_reports');

  await page.getByRole('button', { name: 'Switch to Pro' }).click();
  await page.getByTestId('plan-name').filter({ hasText: 'Pro' }).waitFor();
  await page.getByTestId('advanced-reports').filter({ hasText: 'unlocked' }).waitFor();

  await page.getByRole('button', { name: 'Cancel at period end' }).click();
  await page.getByText('Cancels at the end of the period.').waitFor();
  await page.close();
});

test('the secret key never reaches the browser', async () => {
  const page = await browser.newPage();
  const bodies: string[] = [];
  page.on('response', async (response) => bodies.push(await response.text().catch(() => '')));
  await signIn(page, 'e2e-secret-check');
  await page.getByText('No active subscription.').waitFor();
  expect(bodies.join('\n')).not.toContain(api.secretKey);
  expect(bodies.join('\n')).not.toContain('sk_test_');
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
