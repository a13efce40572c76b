import { TokenManager } from '../src/core/tokens/TokenManager';
import { CountingSource } from './support/countingSource';
import { MINUTE, startedManager } from './support/manager';

beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
afterEach(() => jest.useRealTimers());

/** A sleeping laptop or a throttled background tab: the clock moves on, the timers do not fire. */
function sleep(ms: number): void {
  jest.setSystemTime(Date.now() + ms);
}

test('resuming with a due token refreshes at once', async () => {
  const source = new CountingSource(60 * MINUTE);
  const { manager, stop, resume } = startedManager(source);
  await manager.getToken();
  sleep(58 * MINUTE);
  resume();
  await jest.advanceTimersByTimeAsync(0);
  expect(source.requests).toBe(2);
  expect(manager.getState().token).toBe('token_2');
  stop();
});

test('resuming with a fresh token does nothing', async () => {
  const source = new CountingSource(60 * MINUTE);
  const { manager, stop, resume } = startedManager(source);
  await manager.getToken();
  sleep(10 * MINUTE);
  resume();
  await jest.advanceTimersByTimeAsync(0);
  expect(source.requests).toBe(1);
  stop();
});

test('resuming during a backoff retries at once', async () => {
  const source = new CountingSource(60 * MINUTE);
  source.failures = 5;
  const { stop, resume } = startedManager(source);
  await jest.advanceTimersByTimeAsync(0);
  resume();
  await jest.advanceTimersByTimeAsync(0);
  expect(source.requests).toBe(2);
  stop();
});

test('an expired token is never served: a caller after a long sleep waits for a new one', async () => {
  const source = new CountingSource(60 * MINUTE);
  const { manager, stop } = startedManager(source);
  await manager.getToken();
  sleep(2 * 60 * MINUTE);
  await expect(manager.getToken()).resolves.toBe('token_2');
  stop();
});

describe('browser events (the default resume events)', () => {
  function browserManager(source: CountingSource) {
    const manager = new TokenManager(source, { createChannel: false });
    return { manager, stop: manager.start() };
  }

  test('"online" refreshes a due token', async () => {
    const source = new CountingSource(60 * MINUTE);
    const { manager, stop } = browserManager(source);
    await manager.getToken();
    sleep(56 * MINUTE);
    window.dispatchEvent(new Event('online'));
    await jest.advanceTimersByTimeAsync(0);
    expect(source.requests).toBe(2);
    stop();
  });

  test('"visibilitychange" to visible refreshes a due token; to hidden does not', async () => {
    const source = new CountingSource(60 * MINUTE);
    const { manager, stop } = browserManager(source);
    await manager.getToken();
    sleep(56 * MINUTE);
    const visibility = jest.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await jest.advanceTimersByTimeAsync(0);
    expect(source.requests).toBe(1);
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await jest.advanceTimersByTimeAsync(0);
    expect(source.requests).toBe(2);
    stop();
  });

  test('after stop() the events are no longer listened to', async () => {
    const source = new CountingSource(60 * MINUTE);
    const { manager, stop } = browserManager(source);
    await manager.getToken();
    stop();
    sleep(56 * MINUTE);
    window.dispatchEvent(new Event('online'));
    await jest.advanceTimersByTimeAsync(0);
    expect(source.requests).toBe(1);
  });
});
