import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { ClaimLostError, IdempotencyStore } from '../src/idempotency/idempotency-store';
import { requestFingerprint } from '../src/idempotency/request-fingerprint';
import { storedIdempotencyKey } from '../src/idempotency/sealed-replay';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { client, expectError } from './support/http';
import { postgresUrl } from './support/postgres-url';
import { createCustomer, createPlan } from './support/fixtures';

const keys = generateMerchantKeys();
let api: ReturnType<typeof client>;
let running: ApiServer;
const server = { secretKey: keys.secretKey, liveSecretKey: keys.liveSecretKey };

const pgUrl = postgresUrl();
/** PGlite runs one statement at a time; only PostgreSQL really races two requests' statements. */
const storages = [{ name: 'PGlite', url: undefined }, ...(pgUrl ? [{ name: 'PostgreSQL', url: pgUrl }] : [])];

const post = (path: string, body: unknown, key: string, credential = server.secretKey) =>
  api('POST', path, { key: credential, body, headers: { 'Idempotency-Key': key } });

describe.each(storages)('Idempotency-Key on $name', ({ url }) => {
  let scratch: ScratchDatabase | undefined;
  beforeAll(async () => {
    scratch = url ? await createScratchDatabase(url) : undefined;
    running = await startApiServer({ port: 0, keys, ...(scratch ? { databaseUrl: scratch.url } : {}) });
    api = client(running.url);
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await scratch?.drop();
  });

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

  test('ten concurrent identical subscription POSTs with one key create exactly one subscription: one 201, the rest replay it or wait (409)', async () => {
    const plan = await createPlan(api, server.secretKey, 'Concurrent', []);
    const customer = await createCustomer(api, server.secretKey, 'idem_concurrent');
    const body = { customerId: customer.id, priceId: plan.prices[0]!.id };
    // A secret key may give one customer several subscriptions: no unique index stands in for the key here.
    const responses = await Promise.all(Array.from({ length: 10 }, () => post('/v1/subscriptions', body, 'key-race')));
    const ran = responses.filter((response) => response.status === 201 && response.headers.get('idempotent-replayed') === null);
    const replayed = responses.filter((response) => response.headers.get('idempotent-replayed') === 'true');
    const waiting = responses.filter((response) => response.status === 409);
    expect(ran).toHaveLength(1);
    expect(ran.length + replayed.length + waiting.length).toBe(responses.length);
    for (const response of replayed) expect([response.status, response.body]).toEqual([201, ran[0]!.body]);
    for (const response of waiting) {
      expect(response.body.error.code).toBe('idempotency_request_in_progress');
      expect(response.headers.get('retry-after')).toBe('1');
    }
    const listed = await api('GET', `/v1/subscriptions?customerId=${customer.id}`, { key: server.secretKey });
    expect(listed.body.data.map((subscription: { id: string }) => subscription.id)).toEqual([ran[0]!.body.id]);
    const retried = await post('/v1/subscriptions', body, 'key-race');
    expect([retried.status, retried.headers.get('idempotent-replayed'), retried.body]).toEqual([201, 'true', ran[0]!.body]);
  });

  test('two concurrent identical customer POSTs with one key: one 201, the other waits (409) or replays, one customer', async () => {
    const body = { externalUserId: 'idem_concurrent_customer' };
    const responses = await Promise.all([post('/v1/customers', body, 'key-race-2'), post('/v1/customers', body, 'key-race-2')]);
    const outcomes = responses.map((response) =>
      response.status === 409 ? `409 ${response.body.error.code}` : `${response.status} ${response.headers.get('idempotent-replayed') ?? 'ran'}`,
    );
    expect(outcomes).toContain('201 ran');
    expect(outcomes.filter((outcome) => outcome === '201 ran')).toHaveLength(1);
    expect(outcomes.every((outcome) => ['201 ran', '201 true', '409 idempotency_request_in_progress'].includes(outcome))).toBe(true);
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
    await running.database.query("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1", [storedIdempotencyKey('key-old')]);
    const reused = await post('/v1/customers', { externalUserId: 'idem_old_2' }, 'key-old');
    expect(reused.status).toBe(201);
    expect(reused.body.externalUserId).toBe('idem_old_2');
  });

  test('while the first request runs, the same key is a 409 in progress with Retry-After; a claim abandoned for a minute is taken over', async () => {
    const body = { externalUserId: 'idem_stuck' };
    const claim = "INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ('mer_default:test:secret', $1, $2, now() - $3::interval)";
    await running.database.query(claim, [storedIdempotencyKey('key-running'), requestFingerprint('POST', '/v1/customers', body), '1 second']);
    const busy = await post('/v1/customers', body, 'key-running');
    expectError(busy, 409, 'idempotency_error', 'idempotency_request_in_progress');
    expect(busy.headers.get('retry-after')).toBe('1');

    await running.database.query(claim, [storedIdempotencyKey('key-abandoned'), requestFingerprint('POST', '/v1/customers', body), '2 minutes']);
    expect((await post('/v1/customers', body, 'key-abandoned')).status).toBe(201);
  });

  test('PATCH and DELETE take a key too: the retry replays instead of running again', async () => {
    const customer = await createCustomer(api, server.secretKey, 'idem_patch');
    const patch = (name: string, key: string) => api('PATCH', `/v1/customers/${customer.id}`, { key: server.secretKey, body: { name }, headers: { 'Idempotency-Key': key } });
    const first = await patch('First', 'key-patch');
    await patch('Second', 'key-patch-other');
    const replayed = await patch('First', 'key-patch');
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(first.body);
    expect((await api('GET', `/v1/customers/${customer.id}`, { key: server.secretKey })).body.name).toBe('Second');

    const del = () => api('DELETE', `/v1/customers/${customer.id}`, { key: server.secretKey, headers: { 'Idempotency-Key': 'key-delete' } });
    const deleted = await del();
    expect(deleted.body).toMatchObject({ id: customer.id, deleted: true });
    const again = await del();
    expect([again.status, again.headers.get('idempotent-replayed'), again.body]).toEqual([deleted.status, 'true', deleted.body]);
  });

  test('a request whose abandoned claim was taken over cannot commit: its change rolls back with the failed completion', async () => {
    const store = new IdempotencyStore(running.database);
    const scope = 'mer_default:test:secret';
    const original = await store.claim(scope, 'key-fenced', 'hash');
    await running.database.query("UPDATE idempotency_keys SET created_at = now() - interval '2 minutes' WHERE key = $1", [storedIdempotencyKey('key-fenced')]);
    const takeover = await store.claim(scope, 'key-fenced', 'hash');
    expect([original.kind, takeover.kind]).toEqual(['owned', 'owned']);
    const slowChange = running.database.runInTransaction(async () => {
      await running.database.query("INSERT INTO merchants (id, name) VALUES ('mer_fenced', 'written by the slow original')");
      await store.complete(scope, 'key-fenced', (original as { owner: string }).owner, { from: 'original' });
    });
    await expect(slowChange).rejects.toBeInstanceOf(ClaimLostError);
    expect(await running.database.query("SELECT id FROM merchants WHERE id = 'mer_fenced'")).toEqual([]);
    await running.database.runInTransaction(() => store.complete(scope, 'key-fenced', (takeover as { owner: string }).owner, { from: 'new owner' }));
    expect(await store.claim(scope, 'key-fenced', 'hash')).toEqual({ kind: 'replay', body: { from: 'new owner' } });
  });

  test('the stored response commits with the change: a change that fails after its statements leaves no response and no row', async () => {
    const store = new IdempotencyStore(running.database);
    const scope = 'mer_default:test:secret';
    const claim = await store.claim(scope, 'key-atomic', 'hash');
    const failing = running.database.runInTransaction(async () => {
      await running.database.query("INSERT INTO merchants (id, name) VALUES ('mer_atomic', 'x')");
      await store.complete(scope, 'key-atomic', (claim as { owner: string }).owner, { ok: true });
      throw new Error('the commit fails');
    });
    await expect(failing).rejects.toThrow('the commit fails');
    expect(await running.database.query("SELECT id FROM merchants WHERE id = 'mer_atomic'")).toEqual([]);
    expect(await running.database.query('SELECT status FROM idempotency_keys WHERE key = $1', [storedIdempotencyKey('key-atomic')])).toEqual([{ status: 'in_progress' }]);
  });

  test('what is shown once (a webhook secret, a session token) is not readable in the idempotency table, and neither is the key; the retry still replays it', async () => {
    const endpoint = { url: 'http://localhost:9/hooks', enabledEvents: ['*'] };
    const created = await post('/v1/webhook-endpoints', endpoint, 'key-secret-endpoint');
    const minted = await post('/v1/session-tokens', { externalUserId: 'idem_sealed' }, 'key-secret-token');
    expect([created.status, minted.status]).toEqual([201, 201]);
    expect(created.body.secret).toMatch(/^whsec_/);

    const table = JSON.stringify(await running.database.query('SELECT * FROM idempotency_keys'));
    for (const shownOnce of [created.body.secret, minted.body.sessionToken, 'key-secret-endpoint', 'key-secret-token']) expect(table).not.toContain(shownOnce);

    const replayed = await post('/v1/webhook-endpoints', endpoint, 'key-secret-endpoint');
    expect([replayed.headers.get('idempotent-replayed'), replayed.body]).toEqual(['true', created.body]);
    expect((await post('/v1/session-tokens', { externalUserId: 'idem_sealed' }, 'key-secret-token')).body).toEqual(minted.body);
  });

  test('an over-long key is a 400', async () => {
    expectError(await post('/v1/customers', { externalUserId: 'idem_long' }, 'k'.repeat(256)), 400, 'invalid_request_error', 'invalid_idempotency_key');
  });
});
