import { join } from 'node:path';
import { signedInJourney, startDashboardStack, type DashboardStack } from '../../test-utils/billing-dashboard-journey';

let stack: DashboardStack;

beforeAll(async () => {
  stack = await startDashboardStack(join(__dirname, '..'));
}, 300_000);

afterAll(() => stack?.close());

test('the one-line route answers 401 to a visitor without a Supabase session', async () => {
  const response = await fetch(`${stack.app.url}/api/billingos-session`);
  expect(response.status).toBe(401);
  expect(response.headers.get('cache-control')).toContain('no-store');
  expect((await fetch(`${stack.app.url}/api/generate`, { method: 'POST' })).status).toBe(401);
});

test('signed in: the first HTML is the filled portal, hydration warns about nothing and fetches nothing; subscribe, spend, schedule a downgrade', () => signedInJourney(stack, { email: 'ada@example.com', password: 'correct horse battery' }));
