import { AuthenticationError } from '../src/core/errors/AuthenticationError';
import { FunctionTokenSource } from '../src/core/tokens/FunctionTokenSource';
import { MINUTE, startedManager } from './support/manager';

beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
afterEach(() => jest.useRealTimers());

/** A session route that answers 401 (no one signed in) until `signedIn`, counting requests. */
function sessionRoute() {
  const route = { requests: 0, signedIn: false };
  const source = new FunctionTokenSource(async () => {
    route.requests += 1;
    if (!route.signedIn) throw new AuthenticationError({ code: 'not_authenticated', message: 'Log in first.', statusCode: 401 });
    return { token: `token_${route.requests}`, expiresAt: new Date(Date.now() + 60 * MINUTE) };
  });
  return Object.assign(route, { source });
}

test('signed out (401, no token) is not polled: ten minutes pass with the one request', async () => {
  const route = sessionRoute();
  const { manager, stop } = startedManager(route.source);
  await jest.advanceTimersByTimeAsync(0);
  expect(route.requests).toBe(1);
  expect(manager.getState()).toMatchObject({ token: null, isLoading: false, error: expect.objectContaining({ type: 'authentication_error' }) });
  await jest.advanceTimersByTimeAsync(10 * MINUTE);
  expect(route.requests).toBe(1);
  stop();
});

test('signed out, callers within the backoff get the 401 at once; a caller after it asks again', async () => {
  const route = sessionRoute();
  const { manager, stop } = startedManager(route.source);
  await jest.advanceTimersByTimeAsync(0);
  const early = await Promise.allSettled(Array.from({ length: 10 }, () => manager.getToken()));
  expect(early.every((result) => result.status === 'rejected')).toBe(true);
  expect(route.requests).toBe(1);

  route.signedIn = true;
  await jest.advanceTimersByTimeAsync(1000);
  await expect(manager.getToken()).resolves.toBe('token_2');
  stop();
});

test('a signed-out tab asks again when it comes back into view, and on refresh()', async () => {
  const route = sessionRoute();
  const { manager, stop, resume } = startedManager(route.source);
  await jest.advanceTimersByTimeAsync(0);
  resume();
  await jest.advanceTimersByTimeAsync(0);
  expect(route.requests).toBe(2);

  route.signedIn = true;
  await expect(manager.refresh()).resolves.toBe('token_3');
  expect(manager.getState()).toMatchObject({ token: 'token_3', error: null });
  stop();
});

test('a 401 while a token is still valid (a background refresh) keeps backing off as any failure does', async () => {
  const route = sessionRoute();
  route.signedIn = true;
  const { manager, stop } = startedManager(route.source);
  await expect(manager.getToken()).resolves.toBe('token_1');
  route.signedIn = false;
  await jest.advanceTimersByTimeAsync(55 * MINUTE);
  expect(route.requests).toBe(2);
  await jest.advanceTimersByTimeAsync(1000);
  expect(route.requests).toBe(3);
  stop();
});
