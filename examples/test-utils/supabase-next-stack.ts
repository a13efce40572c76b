import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { SupabaseAuthServer } from '../../packages/supabase/test/utils/supabase-auth-server';
import { launchChromium } from './browser';
import { buildNextApp, startNextApp, type RunningNextApp } from '../../test-utils/next-app';

/** A built Next.js example served against a real BillingOS API and a local Supabase Auth, plus a browser. */
export interface SupabaseNextStack {
  api: TestServer;
  auth: SupabaseAuthServer;
  app: RunningNextApp;
  browser: Browser;
  close(): Promise<void>;
}

export async function startSupabaseNextStack(appDir: string): Promise<SupabaseNextStack> {
  await buildNextApp(appDir);
  const [api, auth] = await Promise.all([startTestServer(), SupabaseAuthServer.start()]);
  const app = await startNextApp(appDir, {
    SUPABASE_URL: auth.url,
    SUPABASE_ANON_KEY: auth.anonKey,
    BILLINGOS_SECRET_KEY: api.secretKey,
    BILLINGOS_API_URL: api.url,
  });
  const browser = await launchChromium();
  return {
    api,
    auth,
    app,
    browser,
    async close() {
      await browser.close();
      await Promise.all([app.stop(), api.close(), auth.close()]);
    },
  };
}
