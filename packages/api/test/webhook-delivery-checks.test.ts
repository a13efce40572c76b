import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { client } from './support/http';
import { createCustomer } from './support/fixtures';
import { startRecordingReceiver } from './support/recording-receiver';
import type { RecordingReceiver } from './support/recording-receiver';

// What only the database can set up: a live endpoint whose address is no longer public by
// delivery time (DNS rebinding, or a row from before the rules), and three days of failures.
const keys = generateMerchantKeys();
let server: ApiServer;
let api: ReturnType<typeof client>;
let receiver: RecordingReceiver;

beforeAll(async () => {
  receiver = await startRecordingReceiver();
  server = await startApiServer({ port: 0, keys, lifecycleIntervalMs: 0 });
  api = client(server.url);
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

async function attemptsOf(endpointId: string, key: string, count: number): Promise<any[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const attempts = [...(await api('GET', `/v1/webhook-endpoints/${endpointId}/deliveries`, { key })).body.data].reverse();
    if (attempts.length >= count || Date.now() > deadline) return attempts;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('delivery checks the address again: a live endpoint that now points at loopback is refused before connecting', async () => {
  const created = await api('POST', '/v1/webhook-endpoints', { key: keys.liveSecretKey, body: { url: 'https://93.184.216.34/hooks', enabledEvents: ['customer.created'] } });
  expect(created.status).toBe(201);
  // As if its DNS now answered 127.0.0.1 (the receiver's port: a connection would reach it).
  await server.database.query('UPDATE webhook_endpoints SET url = $2 WHERE id = $1', [created.body.id, `https://localhost:${new URL(receiver.origin).port}/hooks`]);
  await createCustomer(api, keys.liveSecretKey, 'rebind_user');
  const [attempt] = await attemptsOf(created.body.id, keys.liveSecretKey, 1);
  expect(attempt).toMatchObject({ attempt: 1, responseStatus: null, error: 'The URL resolves to a loopback address; webhook endpoints must be publicly reachable (test mode also accepts localhost).' });
  expect(receiver.deliveries).toEqual([]);
});

test('an endpoint failing for about three days is disabled with a reason; enabling it resumes its pending deliveries', async () => {
  const created = await api('POST', '/v1/webhook-endpoints', { key: keys.secretKey, body: { url: `${receiver.origin}/down`, enabledEvents: ['customer.created'] } });
  receiver.respond = () => ({ status: 503 });
  await createCustomer(api, keys.secretKey, 'down_1');
  await attemptsOf(created.body.id, keys.secretKey, 1);
  await server.database.query("UPDATE webhook_endpoints SET failing_since = now() - interval '73 hours' WHERE id = $1", [created.body.id]);
  await attemptsOf(created.body.id, keys.secretKey, 2);
  const disabled = (await api('GET', `/v1/webhook-endpoints/${created.body.id}`, { key: keys.secretKey })).body;
  expect(disabled.disabled).toBe(true);
  expect(disabled.disabledReason).toMatch(/^Every delivery since \d{4}-\d\d-\d\dT.*Z failed \(the last: HTTP 503\)\. Fix the endpoint/);

  // Disabled: new events are not queued for it, and the pending one waits. An enabled endpoint of
  // the same event type getting down_2 shows the event was dispatched (and the workers ran) meanwhile.
  const marker = await api('POST', '/v1/webhook-endpoints', { key: keys.secretKey, body: { url: `${receiver.origin}/marker`, enabledEvents: ['customer.created'] } });
  await createCustomer(api, keys.secretKey, 'down_2');
  await attemptsOf(marker.body.id, keys.secretKey, 1);
  expect(await attemptsOf(created.body.id, keys.secretKey, 0)).toHaveLength(2);
  await api('DELETE', `/v1/webhook-endpoints/${marker.body.id}`, { key: keys.secretKey });

  receiver.respond = () => ({ status: 204 });
  const enabled = await api('PATCH', `/v1/webhook-endpoints/${created.body.id}`, { key: keys.secretKey, body: { disabled: false } });
  expect(enabled.body).toMatchObject({ disabled: false, disabledReason: null });
  const attempts = await attemptsOf(created.body.id, keys.secretKey, 3);
  expect(attempts[2]).toMatchObject({ attempt: 3, responseStatus: 204, error: null });
  expect(receiver.deliveries.filter((delivery) => !delivery.path.startsWith('/marker')).map((delivery) => delivery.event.data.externalUserId)).toEqual(['down_1', 'down_1', 'down_1']);
});

test('editing a failing endpoint keeps its failure streak; only disabled: false forgives it', async () => {
  const created = await api('POST', '/v1/webhook-endpoints', { key: keys.secretKey, body: { url: `${receiver.origin}/flaky`, enabledEvents: ['customer.created'] } });
  await server.database.query("UPDATE webhook_endpoints SET failing_since = '2026-01-01T00:00:00Z' WHERE id = $1", [created.body.id]);
  const streak = async () => (await server.database.query<{ failing_since: Date | null }>('SELECT failing_since FROM webhook_endpoints WHERE id = $1', [created.body.id]))[0]!.failing_since;

  await api('PATCH', `/v1/webhook-endpoints/${created.body.id}`, { key: keys.secretKey, body: { description: 'renamed while failing' } });
  expect((await streak())?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  await api('PATCH', `/v1/webhook-endpoints/${created.body.id}`, { key: keys.secretKey, body: { disabled: false } });
  expect(await streak()).toBeNull();
});
