import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { build } from 'esbuild';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { assertBuilt, PACKAGE_DIR } from '../utils/built-package';
import { noNodeBuiltins } from '../utils/no-node-builtins';

let server: TestServer;

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
});
afterAll(() => server?.close());

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(PACKAGE_DIR, entry)],
    bundle: true,
    write: false,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser', 'import'],
    format: 'iife',
    globalName: 'BillingOSModule',
    plugins: [noNodeBuiltins],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** A context with Web globals only: no process, require, Buffer or global. */
function webContext(): object {
  return createContext({
    fetch, Request, Response, Headers, AbortController, AbortSignal, URL, URLSearchParams,
    TextEncoder, TextDecoder, crypto, atob, btoa, setTimeout, clearTimeout, console, DOMException,
    Event, EventTarget, structuredClone, queueMicrotask,
  });
}

test('the ESM entry and the generic helper bundle for a Web runtime without Node built-ins', async () => {
  await expect(bundle('dist/index.js')).resolves.toContain('createSessionToken');
  await expect(bundle('dist/helpers/generic/index.js')).resolves.toContain('createSessionRoute');
});

test('createSessionToken and constructEventAsync run in a Web-only context; sync verification names the async call', async () => {
  const context = webContext();
  runInContext(await bundle('dist/index.js'), context);
  const run = runInContext(
    `(async ({ url, secretKey, webhookSecret, payload, headers }) => {
      const { BillingOS, Webhooks } = BillingOSModule;
      const hasNode = typeof process !== 'undefined' || typeof require !== 'undefined' || typeof Buffer !== 'undefined';
      const billing = new BillingOS({ secretKey, apiUrl: url });
      const token = await billing.createSessionToken({ externalUserId: 'user_edge' });
      const webhooks = new Webhooks({ secret: webhookSecret });
      const event = await webhooks.constructEventAsync(payload, headers);
      let syncError;
      try { webhooks.constructEvent(payload, headers); } catch (error) { syncError = error.code + ': ' + error.message; }
      return { hasNode, token: typeof token.sessionToken, expires: token.expiresAt instanceof Date, eventId: event.id, syncError };
    })`,
    context,
  ) as (input: object) => Promise<Record<string, unknown>>;

  const { Webhooks } = await import('@billingos/node');
  const payload = JSON.stringify({ id: 'evt_edge', type: 'customer.created', createdAt: new Date().toISOString(), data: {} });
  const headers = new Webhooks({ secret: server.webhookSecret }).generateTestHeaders({ payload });
  const result = await run({ url: server.url, secretKey: server.secretKey, webhookSecret: server.webhookSecret, payload, headers });

  expect(result).toEqual({
    hasNode: false,
    token: 'string',
    expires: true,
    eventId: 'evt_edge',
    syncError: expect.stringMatching(/^sync_crypto_unavailable: .*constructEventAsync/),
  });
});

test('createWebhookRoute verifies with Web Crypto in a Web-only context: 200 and the handler once, 400 for a tampered body', async () => {
  const context = webContext();
  runInContext(await bundle('dist/index.js'), context);
  const run = runInContext(
    `(async ({ secret, payload, headers }) => {
      const handled = [];
      const route = BillingOSModule.createWebhookRoute({ secret, on: { 'customer.created': (event) => { handled.push(event.id); } } });
      const post = (body) => route(new Request('https://edge.test/webhooks', { method: 'POST', body, headers }));
      const statuses = [(await post(payload)).status, (await post(payload.replace('evt_', 'evt_x'))).status, (await post(payload)).status];
      return { statuses, handled };
    })`,
    context,
  ) as (input: object) => Promise<Record<string, unknown>>;

  const { Webhooks } = await import('@billingos/node');
  const payload = JSON.stringify({ id: 'evt_route', type: 'customer.created', createdAt: new Date().toISOString(), livemode: false, data: {} });
  const headers = new Webhooks({ secret: server.webhookSecret }).generateTestHeaders({ payload });
  expect(await run({ secret: server.webhookSecret, payload, headers })).toEqual({ statuses: [200, 400, 200], handled: ['evt_route'] });
});
