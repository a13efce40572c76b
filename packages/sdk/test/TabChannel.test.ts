import { BroadcastChannel as NodeBroadcastChannel } from 'node:worker_threads';
import { TokenManager } from '../src/core/tokens/TokenManager';
import type { BroadcastChannelLike, CreateChannel } from '../src/core/tokens/TabChannel';
import { CountingSource } from './support/countingSource';
import { until } from './support/deferred';

const MINUTE = 60_000;
// Node's BroadcastChannel delivers between instances in one process, like tabs of one origin.
const createChannel: CreateChannel = (name) => new NodeBroadcastChannel(name) as unknown as BroadcastChannelLike;
const shared = (source: CountingSource) => Object.assign(source, { shareKey: '/api/billingos-session' });

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

test('a second tab takes the first tab’s token instead of fetching its own', async () => {
  const source = shared(new CountingSource(60 * MINUTE));
  const first = new TokenManager(source, { createChannel, resumeEvents: () => () => {} });
  stops.push(first.start());
  await expect(first.getToken()).resolves.toBe('token_1');

  const second = new TokenManager(source, { createChannel, resumeEvents: () => () => {}, shareWaitMs: 500 });
  stops.push(second.start());
  await expect(second.getToken()).resolves.toBe('token_1');
  expect(source.requests).toBe(1);
});

test('a tab whose components ask before the provider starts the manager still asks the other tabs first', async () => {
  const source = shared(new CountingSource(60 * MINUTE));
  const first = new TokenManager(source, { createChannel, resumeEvents: () => () => {} });
  stops.push(first.start());
  await first.getToken();

  const second = new TokenManager(source, { createChannel, resumeEvents: () => () => {}, shareWaitMs: 500 });
  const asked = second.getToken(); // a hook's effect runs before the provider's
  stops.push(second.start());
  await expect(asked).resolves.toBe('token_1');
  expect(source.requests).toBe(1);
});

test('a token one tab refreshes reaches the other tabs', async () => {
  const source = shared(new CountingSource(60 * MINUTE));
  const tabs = [0, 1, 2].map(() => new TokenManager(source, { createChannel, resumeEvents: () => () => {}, shareWaitMs: 200 }));
  for (const tab of tabs) {
    stops.push(tab.start());
    await tab.getToken();
  }
  expect(source.requests).toBe(1);
  await tabs[0]!.refresh();
  await until(() => tabs.every((tab) => tab.getState().token === 'token_2'));
  // The other tabs took it as it came: none asked the session route on its own.
  expect(source.requests).toBe(2);
});

test('without BroadcastChannel (createChannel: false) each tab fetches its own', async () => {
  const source = shared(new CountingSource(60 * MINUTE));
  const tabs = [0, 1].map(() => new TokenManager(source, { createChannel: false, resumeEvents: () => () => {} }));
  await Promise.all(tabs.map((tab) => tab.getToken()));
  expect(source.requests).toBe(2);
});

test('clear() on sign-out makes every tab forget the token, so no tab hands it to the next user', async () => {
  const source = shared(new CountingSource(60 * MINUTE));
  const [first, second] = [0, 1].map(() => new TokenManager(source, { createChannel, resumeEvents: () => () => {}, shareWaitMs: 200 }));
  stops.push(first!.start());
  await first!.getToken();
  stops.push(second!.start());
  await expect(second!.getToken()).resolves.toBe('token_1');

  first!.clear();
  // Both tabs ask the session route again (for the user now signed in, or for its 401), and hold what it answered.
  await until(() => source.requests === 3);
  await until(() => first!.getState().token !== null && second!.getState().token !== null);
  expect([first!.getState().token, second!.getState().token]).toEqual([expect.stringMatching(/^token_[23]$/), expect.stringMatching(/^token_[23]$/)]);

  const third = new TokenManager(source, { createChannel, resumeEvents: () => () => {}, shareWaitMs: 200 });
  stops.push(third.start());
  await expect(third.getToken()).resolves.not.toBe('token_1');
});
