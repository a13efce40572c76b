import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { requestFingerprint } from '../src/idempotency/request-fingerprint';
import { client, expectError } from './support/http';
import { createCustomer, createPlan } from './support/fixtures';

const keys = generateMerchantKeys();
let api: ReturnType<typeof client>;
let running: ApiServer;
const server = { secretKey: keys.secretKey, liveSecretKey: keys.liveSecretKey };

beforeAll(async () => {
  running = await startApiServer({ port: 0, keys });
  api = client(running.url);
});
afterAll(() => running.close());

const post = (path: string, body: unknown, key: string, credential = server.secretKey) =>
  api('POST', path, { key: credential, body, headers: { 'Idempotency-Key': key } });

describe('Idempotency-Key', () => {
  test('the same key and body replay the stored response with Idempotent-Replayed: true', async () => {
    const first = await post('/v1/customers', { externalUserId: 'idem_replay', email: 'a@example.com' }, 'key-replay');
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const second = await post('/v1/customers', { email: 'a@example.com', externalUserId: 'idem_replay' }, 'key-replay');
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
  });

  test('the same key with another body is a 409 idempotency_error and writes nothing', async () => {
    await post('/v1/customers', { externalUserId: 'idem_a' }, 'key-conflict');
    const error = expectError(await post('/v1/customers', { externalUserId: 'idem_b' }, 'key-conflict'), 409, 'idempotency_error', 'idempotency_key_reused');
    expect(error.param).toBe('Idempotency-Key');
    expect((await api('GET', '/v1/customers?externalUserId=idem_b', { key: server.secretKey })).body.data).toEqual([]);
  });

  test('the same key on another path is a conflict too', async () => {
    await post('/v1/customers', { externalUserId: 'idem_path' }, 'key-path');
    expectError(await post('/v1/session-tokens', { externalUserId: 'idem_path' }, 'key-path'), 409, 'idempotency_error');
  });

  test('two concurrent identical subscription POSTs with one key create exactly one subscription', async () => {
    const plan = await createPlan(api, server.secretKey, 'Concurrent', []);
    const customer = await createCustomer(api, server.secretKey, 'idem_concurrent');
    const body = { customerId: customer.id, priceId: plan.prices[0]!.id };
    const responses = await Promise.all([post('/v1/subscriptions', body, 'key-race'), post('/v1/subscriptions', body, 'key-race')]);
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses[0]).toBe(201);
    const loser = responses.find((response) => response.status !== 201 || response.headers.get('idempotent-replayed'));
    if (loser?.status === 409) expect(loser.body.error.code).toBe('idempotency_request_in_progress');
    const listed = await api('GET', `/v1/subscriptions?customerId=${customer.id}`, { key: server.secretKey });
    expect(listed.body.data).toHaveLength(1);
    const retried = await post('/v1/subscriptions', body, 'key-race');
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.id).toBe(listed.body.data[0].id);
  });

  test('two concurrent identical customer POSTs with one key: one 201, the other waits or replays, one customer', async () => {
    const body = { externalUserId: 'idem_concurrent_customer' };
    const responses = await Promise.all([post('/v1/customers', body, 'key-race-2'), post('/v1/customers', body, 'key-race-2')]);
    for (const response of responses) {
      if (response.status === 409) expect(response.body.error.code).toBe('idempotency_request_in_progress');
      else expect(response.status).toBe(201);
    }
    expect((await api('GET', '/v1/customers?externalUserId=idem_concurrent_customer', { key: server.secretKey })).body.data).toHaveLength(1);
  });

  test('a failed request is not stored: the same key can be retried after fixing the cause', async () => {
    const plan = await createPlan(api, server.secretKey, 'Retry', []);
    const failed = await post('/v1/subscriptions', { customerId: 'cus_later', priceId: plan.prices[0]!.id }, 'key-retry');
    expect(failed.status).toBe(404);
    const again = await post('/v1/subscriptions', { customerId: 'cus_later', priceId: plan.prices[0]!.id }, 'key-retry');
    expect(again.status).toBe(404);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  test('keys are scoped per mode: the live key does not see a test key replay', async () => {
    await post('/v1/customers', { externalUserId: 'idem_mode' }, 'key-mode');
    const live = await post('/v1/customers', { externalUserId: 'idem_mode' }, 'key-mode', server.liveSecretKey);
    expect(live.status).toBe(201);
    expect(live.headers.get('idempotent-replayed')).toBeNull();
    expect(live.body.livemode).toBe(true);
  });

  test('after 24 hours a key is forgotten: it may be used again for another request', async () => {
    await post('/v1/customers', { externalUserId: 'idem_old_1' }, 'key-old');
    await running.database.query("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'key-old'");
    const reused = await post('/v1/customers', { externalUserId: 'idem_old_2' }, 'key-old');
    expect(reused.status).toBe(201);
    expect(reused.body.externalUserId).toBe('idem_old_2');
  });

  test('while the first request runs, the same key is a 409 in progress with Retry-After; a claim abandoned for a minute is taken over', async () => {
    const body = { externalUserId: 'idem_stuck' };
    const claim = "INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ('mer_default:test:secret', $1, $2, now() - $3::interval)";
    await running.database.query(claim, ['key-running', requestFingerprint('POST', '/v1/customers', body), '1 second']);
    const busy = await post('/v1/customers', body, 'key-running');
    expectError(busy, 409, 'idempotency_error', 'idempotency_request_in_progress');
    expect(busy.headers.get('retry-after')).toBe('1');

    await running.database.query(claim, ['key-abandoned', requestFingerprint('POST', '/v1/customers', body), '2 minutes']);
    expect((await post('/v1/customers', body, 'key-abandoned')).status).toBe(201);
  });

  test('an over-long key is a 400', async () => {
    expectError(await post('/v1/customers', { externalUserId: 'idem_long' }, 'k'.repeat(256)), 400, 'invalid_request_error', 'invalid_idempotency_key');
  });
});
