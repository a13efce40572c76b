import 'reflect-metadata';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { BillingOSModule } from '../src';
import { type RunningNestApp, startNestApp } from './support/start-nest-app';

let api: TestServer;
let nest: RunningNestApp;

beforeAll(async () => {
  api = await startTestServer({ rateLimit: { max: 2, windowMs: 60_000 } });
  nest = await startNestApp({
    imports: [
      BillingOSModule.forRoot({
        secretKey: api.secretKey,
        apiUrl: api.url,
        maxRetries: 0,
        authProvider: { authenticate: async () => ({ userId: 'user_rate_limited' }) },
        sessionRoute: { path: 'session' },
      }),
    ],
  });
});
afterAll(async () => {
  await nest?.close();
  await api?.close();
});

it("passes BillingOS's 429 and Retry-After on to the browser", async () => {
  const statuses: number[] = [];
  let limited: Response | undefined;
  for (let attempt = 0; attempt < 5 && !limited; attempt += 1) {
    const response = await fetch(`${nest.url}/session`);
    statuses.push(response.status);
    if (response.status === 429) limited = response;
    else await response.body?.cancel();
  }
  expect(statuses.slice(0, 2)).toEqual([200, 200]);
  expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(limited?.headers.get('cache-control')).toBe('no-store');
  expect(((await limited?.json()) as { error: { type: string } }).error.type).toBe('rate_limit_error');
});
