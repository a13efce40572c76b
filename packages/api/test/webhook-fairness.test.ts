import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { DELIVERY_WORKERS } from '../src/webhooks/webhook-deliverer';
import { addMerchant } from './support/extra-merchant';
import { createCustomer } from './support/fixtures';
import { client } from './support/http';
import { startRecordingReceiver } from './support/recording-receiver';
import type { RecordedDelivery, RecordingReceiver } from './support/recording-receiver';
import { startSilentReceiver } from './support/silent-receiver';
import type { SilentReceiver } from './support/silent-receiver';

// A dead endpoint (it takes the connection and never answers) holds each of its deliveries for
// the whole 10 s timeout. Fair delivery means nobody else waits for that timeout.
const keys = generateMerchantKeys();
let scratch: ScratchDatabase | undefined;
let server: ApiServer;
let api: ReturnType<typeof client>;
let receiver: RecordingReceiver;
/** Each test's dead endpoints; closing it at the end frees the workers they hold for the next test. */
let silent: SilentReceiver;

beforeAll(async () => {
  const pgUrl = process.env.TEST_DATABASE_URL;
  scratch = pgUrl ? await createScratchDatabase(pgUrl) : undefined;
  receiver = await startRecordingReceiver();
  server = await startApiServer({ port: 0, keys, lifecycleIntervalMs: 0, ...(scratch ? { databaseUrl: scratch.url } : {}) });
  api = client(server.url);
}, 60_000);
beforeEach(async () => {
  silent = await startSilentReceiver();
});
afterEach(async () => {
  for (const { id, key } of created.splice(0)) await api('DELETE', `/v1/webhook-endpoints/${id}`, { key });
  // Dropping the dead connections lets the deliveries still waiting on them end now.
  await silent.close();
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
  await scratch?.drop();
});

/** Endpoints the running test made (deleted after it). */
const created: { id: string; key: string }[] = [];

async function createEndpoint(key: string, url: string): Promise<{ id: string }> {
  const response = await api('POST', '/v1/webhook-endpoints', { key, body: { url, enabledEvents: ['customer.created'] } });
  expect(response.status).toBe(201);
  created.push({ id: response.body.id, key });
  return response.body;
}

async function attemptsOf(endpointId: string, key: string, count: number): Promise<any[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const attempts = [...(await api('GET', `/v1/webhook-endpoints/${endpointId}/deliveries`, { key })).body.data].reverse();
    if (attempts.length >= count || Date.now() > deadline) return attempts;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const usersAt = (path: string) => receiver.deliveries.filter((delivery) => delivery.path === path).map((delivery) => delivery.event.data.externalUserId as string);

test('a dead endpoint delays only itself: healthy endpoints of the same and of another merchant get every event within seconds, in order', async () => {
  const otherKey = await addMerchant(server.database, 'mer_fair_other');
  await createEndpoint(keys.secretKey, `${silent.origin}/dead`);
  await createEndpoint(keys.secretKey, `${receiver.origin}/same`);
  await createEndpoint(otherKey, `${receiver.origin}/other`);
  const createdAt = new Map<string, number>();
  const arrivedAt = new Map<string, number>();
  receiver.respond = (delivery: RecordedDelivery) => {
    arrivedAt.set(`${delivery.path}:${delivery.event.data.externalUserId}`, Date.now());
    return { status: 204 };
  };
  try {
    // More events than a node has workers: with one shared queue, the dead endpoint's deliveries took them all.
    const count = 3 * DELIVERY_WORKERS.live;
    for (let i = 0; i < count; i += 1) {
      for (const [key, path] of [[keys.secretKey, '/same'], [otherKey, '/other']] as const) {
        await createCustomer(api, key, `${path.slice(1)}_${i}`);
        createdAt.set(`${path}:${path.slice(1)}_${i}`, Date.now());
      }
    }
    await receiver.waitFor(() => usersAt('/same').length >= count && usersAt('/other').length >= count, 60_000);

    const inOrder = (prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}_${i}`);
    expect(usersAt('/same')).toEqual(inOrder('same'));
    expect(usersAt('/other')).toEqual(inOrder('other'));
    const lags = [...createdAt].map(([key, created]) => arrivedAt.get(key)! - created);
    // Far below the 10 s a delivery to the dead endpoint takes: none of them waited for one.
    expect(Math.max(...lags)).toBeLessThan(4_000);
    // The dead endpoint was tried, one delivery at a time.
    expect(silent.received('/dead')).toBeGreaterThan(0);
    expect(silent.mostOpen('/dead')).toBe(1);
  } finally {
    receiver.respond = () => ({ status: 204 });
  }
}, 120_000);

test('live mode never waits behind test mode: with every test-mode worker held by dead endpoints, a live event is attempted at once', async () => {
  const backlogKey = await addMerchant(server.database, 'mer_fair_backlog');
  for (let i = 0; i < 16; i += 1) await createEndpoint(backlogKey, `${silent.origin}/backlog/${i}`);
  const live = await createEndpoint(keys.liveSecretKey, 'https://93.184.216.34/live');
  // Live mode cannot reach this machine, so the live endpoint points where a delivery is refused
  // before connecting: its attempt is recorded the moment a worker takes it, which is what is timed.
  await server.database.query('UPDATE webhook_endpoints SET url = $2 WHERE id = $1', [live.id, 'https://localhost:9/live']);
  const backlogAttempts = async () =>
    Number((await server.database.query<{ count: string }>("SELECT count(*) FROM webhook_delivery_attempts a JOIN webhook_endpoints w ON w.id = a.endpoint_id WHERE w.merchant_id = 'mer_fair_backlog'"))[0]!.count);

  await createCustomer(api, backlogKey, 'backlog_1');
  await createCustomer(api, backlogKey, 'backlog_2');
  await silent.waitFor(() => silent.open() >= DELIVERY_WORKERS.test);
  await createCustomer(api, keys.liveSecretKey, 'live_1');

  const [attempt] = await attemptsOf(live.id, keys.liveSecretKey, 1);
  expect(attempt).toMatchObject({ attempt: 1, responseStatus: null, error: expect.stringMatching(/loopback/) });
  // It did not wait for a test-mode delivery to time out: none has been recorded yet, and they still hold their workers.
  expect(await backlogAttempts()).toBe(0);
  expect(silent.open()).toBeGreaterThanOrEqual(DELIVERY_WORKERS.test);
  // Each dead endpoint had at most one delivery in flight.
  for (let i = 0; i < 16; i += 1) expect(silent.mostOpen(`/backlog/${i}`)).toBeLessThanOrEqual(1);
}, 60_000);

test('endpoints that keep failing hold at most half of a mode\'s workers: a healthy endpoint queued behind six of them is served at once', async () => {
  const merchantKey = await addMerchant(server.database, 'mer_fair_failing');
  const failing: string[] = [];
  for (let i = 0; i < 6; i += 1) failing.push((await createEndpoint(merchantKey, `${silent.origin}/failing/${i}`)).id);
  await server.database.query("UPDATE webhook_endpoints SET failing_since = now() - interval '1 hour' WHERE id = ANY($1)", [failing]);
  // Created last, it comes last in the endpoints' turn.
  await createEndpoint(merchantKey, `${receiver.origin}/after-failing`);
  const failingAttempts = async () => Number((await server.database.query<{ count: string }>('SELECT count(*) FROM webhook_delivery_attempts WHERE endpoint_id = ANY($1)', [failing]))[0]!.count);
  const failingOpen = () => failing.reduce((open, _, i) => open + silent.open(`/failing/${i}`), 0);

  await createCustomer(api, merchantKey, 'after_failing');
  await receiver.waitFor((deliveries) => deliveries.some((delivery) => delivery.path === '/after-failing'));
  expect(await failingAttempts()).toBe(0);
  await silent.waitFor(() => failingOpen() === DELIVERY_WORKERS.test / 2);
  expect(failing.reduce((most, _, i) => most + silent.mostOpen(`/failing/${i}`), 0)).toBe(DELIVERY_WORKERS.test / 2);
}, 60_000);
