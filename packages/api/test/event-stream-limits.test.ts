import { setTimeout as delay } from 'node:timers/promises';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { addMerchant } from './support/extra-merchant';
import { recordFeedReads } from './support/feed-reads';
import type { FeedRead } from './support/feed-reads';
import { createCustomer } from './support/fixtures';
import { client, expectError } from './support/http';
import { openRawEventStream } from './support/raw-event-stream';
import type { RawEventStream } from './support/raw-event-stream';
import { openEventStream } from './support/sse-events';

const MAX_STREAMS = 10;
const POLL_INTERVAL_MS = 250;

let server: ApiServer;
let api: ReturnType<typeof client>;
let feedReads: FeedRead[];
const opened: { destroy(): void; close?(): void }[] = [];

beforeAll(async () => {
  server = await startApiServer({ port: 0, keys: generateMerchantKeys(), lifecycleIntervalMs: 0 });
  api = client(server.url);
  feedReads = recordFeedReads(server.database);
});
afterEach(() => {
  for (const stream of opened.splice(0)) stream.destroy();
});
afterAll(() => server.close());

function readsOf(merchantId: string): number {
  return feedReads.filter((read) => read.merchantId === merchantId).length;
}

async function open(streamKey: string): Promise<RawEventStream> {
  const stream = await openRawEventStream(server.url, streamKey);
  opened.push(stream);
  return stream;
}

/** Polls `check` until it returns something, or fails with `what` after `ms`. */
async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await delay(20);
  }
}

/** Resolves with `promise`, or fails with `what` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}.`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `count` events recorded for the merchant's test mode, in one statement, each with `padding` bytes of data; their data ids in recorded order. */
async function recordEvents(merchantId: string, prefix: string, count: number, padding: number): Promise<string[]> {
  await server.database.query(
    `INSERT INTO webhook_events (id, merchant_id, mode, type, data)
     SELECT 'evt_' || $1 || lpad(g::text, 6, '0'), $2, 'test', 'customer.created', jsonb_build_object('id', 'cus_' || $1 || lpad(g::text, 6, '0'), 'padding', repeat('x', $4))
     FROM generate_series(1, $3) AS g`,
    [prefix, merchantId, count, padding],
  );
  return Array.from({ length: count }, (_, i) => `cus_${prefix}${String(i + 1).padStart(6, '0')}`);
}

test(`at most ${MAX_STREAMS} streams per merchant and mode on a node: one more is a 429 too_many_streams, and a stream that closes gives its slot back`, async () => {
  const key = await addMerchant(server.database, 'mer_cap');
  const streams = await Promise.all(Array.from({ length: MAX_STREAMS }, () => open(key)));
  expect(streams.map((stream) => stream.status)).toEqual(Array(MAX_STREAMS).fill(200));

  expect((await open(key)).status).toBe(429);
  const refused = expectError(await api('GET', '/v1/events/stream', { key }), 429, 'rate_limit_error', 'too_many_streams');
  expect(refused.message).toContain('billingos listen');
  // Another merchant's streams are counted on their own.
  expect((await open(await addMerchant(server.database, 'mer_cap_other'))).status).toBe(200);

  streams[0]!.destroy();
  await until('the closed stream\'s slot to come back', async () => (await open(key)).status === 200);
  expect((await open(key)).status).toBe(429);
}, 30_000);

test('a client that stops reading is dropped once 1 MiB waits for it, and a reading stream on the same key still gets every event', async () => {
  const key = await addMerchant(server.database, 'mer_stall');
  const reader = await openEventStream(server.url, key);
  opened.push({ destroy: reader.close });
  const stalled = await Promise.all(Array.from({ length: 3 }, () => open(key)));
  for (const stream of stalled) stream.pause();

  // 2,000 events of ~8 KB: 16 MB per stream, far more than the socket buffers hold.
  const expected: string[] = [];
  for (let batch = 0; batch < 4; batch++) expected.push(...(await recordEvents('mer_stall', `stall${batch}_`, 500, 8_000)));
  const received: string[] = [];
  const deadline = Date.now() + 60_000;
  while (received.length < expected.length) received.push((await reader.next(deadline)).data.id);
  expect(received).toEqual(expected);

  // Every event has been written to every stream by now: the stalled ones must have been cut off.
  for (const stream of stalled) {
    stream.resume();
    await within(stream.closed, 15_000, 'the server to close a client that stopped reading');
    expect(stream.bytesRead()).toBeLessThan(expected.length * 8_000);
  }
}, 120_000);

test('streams share one poller per merchant and mode: 250 idle streams over 25 merchants make no more database reads than 25 would', async () => {
  const merchants = Array.from({ length: 25 }, (_, i) => `mer_idle_${i}`);
  const keys = await Promise.all(merchants.map((id) => addMerchant(server.database, id)));
  const streams = await Promise.all(keys.flatMap((streamKey) => Array.from({ length: MAX_STREAMS }, () => open(streamKey))));
  expect(streams.every((stream) => stream.status === 200)).toBe(true);

  const before = new Map(merchants.map((id) => [id, readsOf(id)]));
  const started = Date.now();
  await delay(2_000);
  const elapsed = Date.now() - started;
  // One timer per merchant and mode, each read waiting for the one before it.
  const most = Math.floor(elapsed / POLL_INTERVAL_MS) + 2;
  const reads = merchants.map((id) => readsOf(id) - before.get(id)!);
  expect(Math.min(...reads)).toBeGreaterThan(0);
  expect(Math.max(...reads)).toBeLessThanOrEqual(most);
}, 60_000);

test('a poller stops when the last stream of its merchant and mode closes', async () => {
  const quietKey = await addMerchant(server.database, 'mer_quiet');
  const streams = await Promise.all(Array.from({ length: 3 }, () => open(quietKey)));
  await until('the quiet merchant\'s streams to be polled', () => readsOf('mer_quiet') > 0);
  for (const stream of streams) stream.destroy();
  await Promise.all(streams.map((stream) => stream.closed));

  // Another merchant's poller ticking four times is time enough for the server to see the clients go.
  const busyKey = await addMerchant(server.database, 'mer_busy');
  await open(busyKey);
  await until('the busy merchant\'s poller to tick', () => readsOf('mer_busy') >= 4);
  const after = readsOf('mer_quiet');
  const busy = readsOf('mer_busy');
  await until('the busy merchant\'s poller to tick again', () => readsOf('mer_busy') >= busy + 4);
  expect(readsOf('mer_quiet')).toBe(after);
}, 30_000);

test('streams of one key each get every event once, in order, from the moment they opened', async () => {
  const key = await addMerchant(server.database, 'mer_shared');
  const first = await openEventStream(server.url, key);
  opened.push({ destroy: first.close });
  const before = await createCustomer(api, key, 'shared_before');
  expect((await first.next()).data.id).toBe(before.id);

  const others = [await openEventStream(server.url, key), await openEventStream(server.url, key)];
  for (const other of others) opened.push({ destroy: other.close });
  const created = [await createCustomer(api, key, 'shared_1'), await createCustomer(api, key, 'shared_2'), await createCustomer(api, key, 'shared_3')];
  for (const stream of [first, ...others]) {
    expect([await stream.next(), await stream.next(), await stream.next()].map((event) => event.data.id)).toEqual(created.map((customer) => customer.id));
  }
  // A duplicate would come before this one.
  const marker = await createCustomer(api, key, 'shared_marker');
  for (const stream of [first, ...others]) expect((await stream.next()).data.id).toBe(marker.id);
}, 30_000);

test('a poll reads the same bounded query however many events the stream has already sent', async () => {
  const key = await addMerchant(server.database, 'mer_bounded');
  const stream = await openEventStream(server.url, key);
  opened.push({ destroy: stream.close });
  const expected = await recordEvents('mer_bounded', 'bounded_', 600, 10);
  const received: string[] = [];
  const deadline = Date.now() + 30_000;
  while (received.length < expected.length) received.push((await stream.next(deadline)).data.id);
  expect(received).toEqual(expected);

  const sent = feedReads.length;
  const polls = readsOf('mer_bounded');
  await until('two more polls', () => readsOf('mer_bounded') >= polls + 2);
  const sizes = feedReads.slice(sent).filter((read) => read.merchantId === 'mer_bounded').map((read) => JSON.stringify(read.params).length);
  expect(sizes.length).toBeGreaterThan(0);
  expect(Math.max(...sizes)).toBeLessThan(300);
}, 60_000);
