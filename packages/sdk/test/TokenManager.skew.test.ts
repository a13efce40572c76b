import { CountingSource } from './support/countingSource';
import { fakeJwt } from './support/jwt';
import { MINUTE, startedManager } from './support/manager';
import { FunctionTokenSource } from '../src/core/tokens/FunctionTokenSource';

beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
afterEach(() => jest.useRealTimers());

describe.each([
  ['ahead of', -7 * MINUTE],
  ['behind', 7 * MINUTE],
])('a browser clock 7 minutes %s the server', (_, skewMs) => {
  test('a one-hour token still refreshes 55 minutes after receipt (server Date header)', async () => {
    const source = new CountingSource(60 * MINUTE);
    source.skewMs = skewMs;
    const { stop } = startedManager(source);
    await jest.advanceTimersByTimeAsync(55 * MINUTE - 1);
    expect(source.requests).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(source.requests).toBe(2);
    stop();
  });

  test('a two-minute token neither loops nor outlives its expiry', async () => {
    const source = new CountingSource(2 * MINUTE);
    source.skewMs = skewMs;
    const { manager, stop } = startedManager(source);
    await jest.advanceTimersByTimeAsync(10 * MINUTE);
    // Exactly one refresh per minute (half-life), never a storm and never a token past its real lifetime.
    expect(source.requests).toBe(11);
    expect(manager.getState().token).toBe('token_11');
    stop();
  });

  test('without a Date header, the JWT iat gives the lifetime', async () => {
    let requests = 0;
    const source = new FunctionTokenSource(async () => {
      requests += 1;
      const serverNow = Date.now() + skewMs;
      return { token: fakeJwt(serverNow, 2 * MINUTE), expiresAt: new Date(serverNow + 2 * MINUTE) };
    });
    const { stop } = startedManager(source);
    await jest.advanceTimersByTimeAsync(MINUTE - 1);
    expect(requests).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(requests).toBe(2);
    stop();
  });
});

test('with no server clock and a token already "expired" on the local clock, refreshes do not spin', async () => {
  const source = new CountingSource(2 * MINUTE);
  source.skewMs = -10 * MINUTE;
  source.sendServerTime = false;
  const { manager, stop } = startedManager(source);
  await expect(manager.getToken()).resolves.toBe('token_1');
  await jest.advanceTimersByTimeAsync(10 * MINUTE);
  // The lifetime cannot be measured, so the API's minimum (60 s) is assumed: one refresh per 30 s.
  expect(source.requests).toBe(21);
  stop();
});
