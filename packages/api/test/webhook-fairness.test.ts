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
let silent: SilentReceiver;

beforeAll(async () => {
  const pgUrl = process.env.TEST_DATABASE_URL;
  scratch = pgUrl ? await createScratchDatabase(pgUrl) : undefined;
  receiver = await startRecordingReceiver();
  silent = await startSilentReceiver();
  server = await startApiServer({ port: 0, keys, lifecycleIntervalMs: 0, ...(scratch ? { databaseUrl: scratch.url } : {}) });
  api = client(server.url);
}, 60_000);
afterAll(async () => {
  // Dropping the dead connections first lets the deliveries still waiting on them end now.
  await silent?.close();
  await server?.close();
  await receiver?.close();
  await scratch?.drop();
});

async function createEndpoint(key: string, url: string): Promise<{ id: string }> {
  const response = await api('POST', '/v1/webhook-endpoints', { key, body: { url, enabledEvents: ['customer.created'] } });
  expect(response.status).toBe(201);
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
  const dead = await createEndpoint(keys.secretKey, `${silent.origin}/dead`);
  const endpoints = [dead, await createEndpoint(keys.secretKey, `${receiver.origin}/same`), await createEndpoint(otherKey, `${receiver.origin}/other`)];
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
    await api('DELETE', `/v1/webhook-endpoints/${endpoints[2]!.id}`, { key: otherKey });
    for (const endpoint of endpoints.slice(0, 2)) await api('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { key: keys.secretKey });
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
