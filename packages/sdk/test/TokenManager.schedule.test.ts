import { CountingSource } from './support/countingSource';
import { MINUTE, startedManager } from './support/manager';

beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
afterEach(() => jest.useRealTimers());

test('one request however many callers ask at once', async () => {
  const source = new CountingSource(60 * MINUTE);
  const { manager, stop } = startedManager(source);
  const tokens = await Promise.all(Array.from({ length: 50 }, () => manager.getToken()));
  expect(new Set(tokens)).toEqual(new Set(['token_1']));
  expect(source.requests).toBe(1);
  stop();
});

test('a one-hour token is refreshed 5 minutes before it expires, not earlier', async () => {
  const source = new CountingSource(60 * MINUTE);
  const { manager, stop } = startedManager(source);
  await jest.advanceTimersByTimeAsync(0);
  expect(source.requests).toBe(1);
  await jest.advanceTimersByTimeAsync(55 * MINUTE - 1);
  expect(source.requests).toBe(1);
  await jest.advanceTimersByTimeAsync(1);
  expect(source.requests).toBe(2);
  expect(manager.getState().token).toBe('token_2');
  await jest.advanceTimersByTimeAsync(55 * MINUTE);
  expect(source.requests).toBe(3);
  stop();
});

test.each([
  [4 * MINUTE, 2 * MINUTE],
  [60_000, 30_000],
  [10 * MINUTE, 5 * MINUTE],
])('a %d ms token is refreshed after %d ms (half-life below 10 minutes, 5 minutes before expiry from there)', async (lifetime, refreshAfter) => {
  const source = new CountingSource(lifetime);
  const { stop } = startedManager(source);
  await jest.advanceTimersByTimeAsync(refreshAfter - 1);
  expect(source.requests).toBe(1);
  await jest.advanceTimersByTimeAsync(1);
  expect(source.requests).toBe(2);
  stop();
});

test('the cached token is served without a request until it is due', async () => {
  const source = new CountingSource(60 * MINUTE);
  const { manager, stop } = startedManager(source);
  await manager.getToken();
  await jest.advanceTimersByTimeAsync(30 * MINUTE);
  await expect(manager.getToken()).resolves.toBe('token_1');
  expect(source.requests).toBe(1);
  stop();
});

test('stopping cancels the refresh timer', async () => {
  const source = new CountingSource(4 * MINUTE);
  const { stop } = startedManager(source);
  await jest.advanceTimersByTimeAsync(0);
  stop();
  await jest.advanceTimersByTimeAsync(60 * MINUTE);
  expect(source.requests).toBe(1);
});

test('refresh() takes the new token even when it lives shorter than the current one', async () => {
  const source = new CountingSource(60 * MINUTE);
  const { manager, stop } = startedManager(source);
  await manager.getToken();
  source.lifetimeMs = 4 * MINUTE;
  await expect(manager.refresh()).resolves.toBe('token_2');
  expect(manager.getState().token).toBe('token_2');
  await jest.advanceTimersByTimeAsync(2 * MINUTE);
  expect(source.requests).toBe(3);
  stop();
});
