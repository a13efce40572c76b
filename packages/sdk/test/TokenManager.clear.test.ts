/** @jest-environment node */
import { BroadcastChannel as NodeBroadcastChannel } from 'node:worker_threads';
import type { ServerResponse } from 'node:http';
import { TokenManager } from '../src/core/tokens/TokenManager';
import type { BroadcastChannelLike, CreateChannel } from '../src/core/tokens/TabChannel';
import type { TokenResult, TokenSource } from '../src/core/tokens/TokenSource';
import { UrlTokenSource } from '../src/core/tokens/UrlTokenSource';
import { deferred, until } from './support/deferred';
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

/**
 * The merchant's session route as the tabs of one browser share it: each request is answered for
 * whoever is signed in when it arrives (the cookie it carries), `<user>_<tab><n>`. `held()` is a
 * tab whose requests wait until the test releases them; `immediate()` one answered at once.
 */
function sessionRoute(shareKey: string) {
  const route = { user: 'ada', requests: [] as { user: string; signal: AbortSignal | undefined; release(): void }[] };
  const answer = (token: string) => ({ token, expiresAt: new Date(Date.now() + 3_600_000) });
  const held = (tab: string): TokenSource => ({
    shareKey,
    getToken: ({ signal } = {}) => {
      const token = `${route.user}_${tab}${route.requests.length + 1}`;
      const pending = deferred<TokenResult>();
      route.requests.push({ user: route.user, signal, release: () => pending.resolve(answer(token)) });
      return pending.promise;
    },
  });
  let issued = 0;
  const immediate = (tab: string): TokenSource => ({ shareKey, getToken: async () => answer(`${route.user}_${tab}${(issued += 1)}`) });
  return Object.assign(route, { held, immediate });
}

test('a clear() from another tab drops this tab’s request in flight, which then reaches no tab; both tabs go on with the new user’s tokens', async () => {
  const route = sessionRoute(uniqueKey());
  const tabA = new TokenManager(route.held('a'), { createChannel: tabChannel, resumeEvents: noResume, shareWaitMs: 0 });
  const seenA = tokensSeen(tabA);
  stops.push(tabA.start());
  await until(() => route.requests.length === 1);
  const askedBeforeClear = tabA.getToken(); // joins ada's request in flight

  const tabB = new TokenManager(route.immediate('b'), { createChannel: tabChannel, resumeEvents: noResume, shareWaitMs: 0 });
  const seenB = tokensSeen(tabB);
  stops.push(tabB.start());
  await until(() => tabB.getState().token === 'ada_b1');
  // Tab B shares Ada's token over the channel: once tab A has it too, whatever either tab sees from
  // here on came after the clear below (a share still on its way would be counted as after it).
  await until(() => seenA.includes('ada_b1'));
  const epochA = tabA.epoch;

  // Ada signs out in tab B and Bob signs in: the session route now answers for Bob.
  route.user = 'bob';
  const [fromA, fromB] = [seenA.length, seenB.length];
  tabB.clear();
  await expect(tabB.getToken()).resolves.toBe('bob_b2');
  await until(() => tabA.epoch === epochA + 1);
  expect(route.requests[0]!.signal?.aborted).toBe(true);
  route.requests[0]!.release(); // Ada's token arrives late, after the clear
  await expect(askedBeforeClear).rejects.toMatchObject({ code: 'session_cleared' });

  // Tab A asked again, for Bob; once it answers, tab B (after anything tab A posted before) takes it too.
  await until(() => route.requests.length === 2);
  expect(route.requests[1]!.user).toBe('bob');
  route.requests[1]!.release();
  await until(() => seenB.includes('bob_a2'));
  await expect(tabA.getToken()).resolves.toBe('bob_a2');
  await expect(tabB.getToken()).resolves.toBe('bob_a2');

  expect([...seenA, ...seenB]).not.toContain('ada_a1');
  const notBob = (seen: (string | null)[]) => seen.filter((token) => token !== null && !token.startsWith('bob_'));
  expect(notBob(seenA.slice(fromA))).toEqual([]);
  expect(notBob(seenB.slice(fromB))).toEqual([]);
});

test('a token another tab posts from a request that began before the clear is refused; later ones are shared', async () => {
  const key = uniqueKey();
  const manager = new TokenManager(new HeldSource('mine_', key), { createChannel: tabChannel, resumeEvents: noResume, shareWaitMs: 0 });
  const seen = tokensSeen(manager);
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
  otherTab.postMessage(shared('new_user', Date.now())); // one channel delivers in order: this arrives after it
  await until(() => manager.getState().token === 'new_user');
  expect(seen).not.toContain('old_user');
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
