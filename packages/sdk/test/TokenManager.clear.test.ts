/** @jest-environment node */
import { BroadcastChannel as NodeBroadcastChannel } from 'node:worker_threads';
import type { ServerResponse } from 'node:http';
import { TokenManager } from '../src/core/tokens/TokenManager';
import type { BroadcastChannelLike, CreateChannel } from '../src/core/tokens/TabChannel';
import { UrlTokenSource } from '../src/core/tokens/UrlTokenSource';
import { until } from './support/deferred';
import { HeldSource } from './support/heldSource';
import { listen } from './support/httpServer';

const noResume = () => () => {};
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

/** A channel that records what this tab posts to the others. */
function recordingChannel() {
  const posted: { type: string; shared?: { token: string } }[] = [];
  const createChannel: CreateChannel = () => ({ postMessage: (message) => posted.push(message as never), close() {}, onmessage: null });
  return { createChannel, postedTokens: () => posted.filter((m) => m.type === 'token').map((m) => m.shared!.token) };
}

/** Every token the state ever showed. */
function tokensSeen(manager: TokenManager): (string | null)[] {
  const seen: (string | null)[] = [];
  manager.subscribe(() => seen.push(manager.getState().token));
  return seen;
}

// Node's BroadcastChannel delivers between instances in one process, like tabs of one origin.
const tabChannel: CreateChannel = (name) => new NodeBroadcastChannel(name) as unknown as BroadcastChannelLike;
let keys = 0;
const uniqueKey = () => `/api/billingos-session?test=${(keys += 1)}`;

test('a token request in flight at clear() is dropped: never adopted, never posted to other tabs; its callers get session_cleared', async () => {
  const source = new HeldSource('token_', '/api/billingos-session');
  const { createChannel, postedTokens } = recordingChannel();
  const manager = new TokenManager(source, { createChannel, resumeEvents: noResume, shareWaitMs: 0 });
  const seen = tokensSeen(manager);
  stops.push(manager.start());
  const old = manager.getToken();
  await until(() => source.requests.length === 1);
  const epoch = manager.epoch;

  manager.clear();
  expect(manager.epoch).toBe(epoch + 1);
  source.requests[0]!.release(); // the signed-out user's token arrives late
  await expect(old).rejects.toMatchObject({ type: 'authentication_error', code: 'session_cleared' });

  await until(() => source.requests.length === 2);
  expect(manager.getState()).toMatchObject({ token: null, error: null });
  expect(postedTokens()).toEqual([]);

  // The request the clear started (for whoever is signed in now) works normally.
  source.requests[1]!.release();
  await expect(manager.getToken()).resolves.toBe('token_2');
  expect(manager.getState()).toMatchObject({ token: 'token_2', error: null, isLoading: false });
  expect(postedTokens()).toEqual(['token_2']);
  expect(seen).not.toContain('token_1');
});

test('refresh() callers from before clear() get session_cleared, not the next session’s token', async () => {
  const source = new HeldSource();
  const manager = new TokenManager(source, { createChannel: false, resumeEvents: noResume });
  stops.push(manager.start());
  await until(() => source.requests.length === 1);
  const refreshing = manager.refresh();
  manager.clear();
  await until(() => source.requests.length === 2);
  source.requests[1]!.release();
  source.requests[0]!.release();
  await expect(refreshing).rejects.toMatchObject({ code: 'session_cleared' });
  await expect(manager.getToken()).resolves.toBe('token_2');
});

test('a late failure of the cleared request is not this session’s failure: no error, no backoff', async () => {
  let calls = 0;
  const released: (() => void)[] = [];
  const manager = new TokenManager(
    {
      getToken: () => {
        calls += 1;
        if (calls > 1) return Promise.resolve({ token: `token_${calls}`, expiresAt: new Date(Date.now() + 3_600_000) });
        return new Promise((_resolve, reject) => released.push(() => reject(new Error('old session route failed'))));
      },
    },
    { createChannel: false, resumeEvents: noResume },
  );
  stops.push(manager.start());
  await until(() => released.length === 1);
  manager.clear();
  released[0]!();
  await expect(manager.getToken()).resolves.toBe('token_2');
  expect(manager.getState()).toMatchObject({ token: 'token_2', error: null });
});

test('a clear() from another tab drops this tab’s request in flight, which then reaches no tab', async () => {
  const key = uniqueKey();
  const slow = new HeldSource('old_', key);
  const tabA = new TokenManager(slow, { createChannel: tabChannel, resumeEvents: noResume, shareWaitMs: 0 });
  const seenA = tokensSeen(tabA);
  stops.push(tabA.start());
  await until(() => slow.requests.length === 1);

  let issued = 0;
  const fast = { shareKey: key, getToken: async () => ({ token: `new_${(issued += 1)}`, expiresAt: new Date(Date.now() + 3_600_000) }) };
  const tabB = new TokenManager(fast, { createChannel: tabChannel, resumeEvents: noResume, shareWaitMs: 0 });
  const seenB = tokensSeen(tabB);
  stops.push(tabB.start());
  const epochA = tabA.epoch;

  tabB.clear(); // the user signed out in tab B
  await until(() => tabA.epoch === epochA + 1);
  expect(slow.requests[0]!.signal?.aborted).toBe(true);
  slow.requests[0]!.release();
  await new Promise((resolve) => setTimeout(resolve, 50));

  expect(seenA).not.toContain('old_1');
  expect(seenB).not.toContain('old_1');
  // Tab A asked again for the new session; once it answers, both tabs work as before.
  await until(() => slow.requests.length === 2);
  slow.requests[1]!.release();
  await expect(tabA.getToken()).resolves.toMatch(/^(old_2|new_\d)$/);
  await expect(tabB.getToken()).resolves.toMatch(/^(old_2|new_\d)$/);
});

test('a token another tab posts from a request that began before the clear is refused; later ones are shared', async () => {
  const key = uniqueKey();
  const manager = new TokenManager(new HeldSource('mine_', key), { createChannel: tabChannel, resumeEvents: noResume, shareWaitMs: 0 });
  stops.push(manager.start());
  const otherTab = new NodeBroadcastChannel(`billingos:${key}`);
  stops.push(() => otherTab.close());
  const shared = (token: string, requestedAt: number) => ({
    type: 'token',
    shared: { token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), requestedAt, refreshAt: Date.now() + 3_000_000, usableUntil: Date.now() + 3_500_000 },
  });

  const before = Date.now() - 1000;
  manager.clear();
  otherTab.postMessage(shared('old_user', before)); // posted by a tab that had not seen the clear yet
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(manager.getState().token).toBeNull();

  otherTab.postMessage(shared('new_user', Date.now()));
  await until(() => manager.getState().token === 'new_user');
});

test('clear() aborts the session route request in flight', async () => {
  const pending: { res: ServerResponse; closed: boolean }[] = [];
  const route = await listen((req, res) => {
    const entry = { res, closed: false };
    res.on('close', () => (entry.closed = true));
    pending.push(entry);
  });
  stops.push(() => void route.close());
  const manager = new TokenManager(new UrlTokenSource(`${route.url}/api/billingos-session`, { fetch }), { createChannel: false, resumeEvents: noResume });
  stops.push(manager.start());
  await until(() => pending.length === 1);

  manager.clear();
  await until(() => pending[0]!.closed);
  await until(() => pending.length === 2);
  pending[1]!.res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sessionToken: 'st_new', expiresAt: new Date(Date.now() + 3_600_000).toISOString() }));
  await expect(manager.getToken()).resolves.toBe('st_new');
  expect(manager.getState().error).toBeNull();
});
