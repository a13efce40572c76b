import { CountingSource } from './support/countingSource';
import { MINUTE, startedManager } from './support/manager';

beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
afterEach(() => jest.useRealTimers());

test('failures back off 1 s, 2 s, 4 s … and the error reaches the state', async () => {
  const source = new CountingSource(60 * MINUTE);
  source.failures = 3;
  const { manager, stop } = startedManager(source);
  await jest.advanceTimersByTimeAsync(0);
  expect(source.requests).toBe(1);
  expect(manager.getState()).toMatchObject({ token: null, isLoading: false, error: expect.objectContaining({ message: 'session route is down' }) });

  await jest.advanceTimersByTimeAsync(999);
  expect(source.requests).toBe(1);
  await jest.advanceTimersByTimeAsync(1);
  expect(source.requests).toBe(2);
  await jest.advanceTimersByTimeAsync(2000);
  expect(source.requests).toBe(3);
  await jest.advanceTimersByTimeAsync(3999);
  expect(source.requests).toBe(3);
  await jest.advanceTimersByTimeAsync(1);
  expect(source.requests).toBe(4);
  expect(manager.getState()).toMatchObject({ token: 'token_4', error: null });
  stop();
});

test('the backoff is capped at 60 s', async () => {
  const source = new CountingSource(60 * MINUTE);
  source.failures = 1000;
  const { stop } = startedManager(source);
  await jest.advanceTimersByTimeAsync(10 * MINUTE);
  // 1+2+4+8+16+32 s, then one every 60 s: 7 in the first ~63 s, then 9 more in the 537 s left.
  expect(source.requests).toBe(7 + Math.floor((600 - 63) / 60));
  stop();
});

test('callers during the backoff get the error at once, without a request storm', async () => {
  const source = new CountingSource(60 * MINUTE);
  source.failures = 1;
  const { manager, stop } = startedManager(source);
  await jest.advanceTimersByTimeAsync(0);
  const results = await Promise.allSettled(Array.from({ length: 20 }, () => manager.getToken()));
  expect(results.every((result) => result.status === 'rejected')).toBe(true);
  expect(source.requests).toBe(1);
  stop();
});

test('a failed background refresh keeps serving the still-valid token', async () => {
  const source = new CountingSource(60 * MINUTE);
  const { manager, stop } = startedManager(source);
  await manager.getToken();
  source.failures = 1;
  await jest.advanceTimersByTimeAsync(55 * MINUTE);
  expect(source.requests).toBe(2);
  expect(manager.getState().error).not.toBeNull();
  await expect(manager.getToken()).resolves.toBe('token_1');
  await jest.advanceTimersByTimeAsync(1000);
  expect(manager.getState()).toMatchObject({ token: 'token_3', error: null });
  stop();
});

test('refresh() (a user action) bypasses the backoff', async () => {
  const source = new CountingSource(60 * MINUTE);
  source.failures = 1;
  const { manager, stop } = startedManager(source);
  await jest.advanceTimersByTimeAsync(0);
  await expect(manager.refresh()).resolves.toBe('token_2');
  stop();
});

test('while a background refresh is backing off, callers get the still-valid token without a request each', async () => {
  const source = new CountingSource(60 * MINUTE);
  const { manager, stop } = startedManager(source);
  await manager.getToken();
  source.failures = 5;
  await jest.advanceTimersByTimeAsync(55 * MINUTE);
  expect(source.requests).toBe(2);
  for (let i = 0; i < 20; i += 1) {
    await expect(manager.getToken()).resolves.toBe('token_1');
    await jest.advanceTimersByTimeAsync(10);
  }
  // Only the backoff timer (1 s after the failure) asked again.
  expect(source.requests).toBe(2);
  await jest.advanceTimersByTimeAsync(1000);
  expect(source.requests).toBe(3);
  stop();
});
