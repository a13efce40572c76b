import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import { MIGRATIONS_DIR, migrate } from '../src/storage/migrate';
import { openDatabase } from '../src/storage/open-database';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { client, expectError } from './support/http';
import { attachCard, createPlan, mintToken } from './support/fixtures';
import { postgresUrl } from './support/postgres-url';

const pgUrl = postgresUrl();
const backends: [string, string | undefined][] = [['PGlite', undefined]];
if (pgUrl) backends.push(['PostgreSQL', pgUrl]);

describe.each(backends)('storage on %s', (name, databaseUrl) => {
  let server: TestServer;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startTestServer(databaseUrl ? { databaseUrl } : {});
    api = client(server.url);
  });
  afterAll(() => server.close());

  test('health reports the backend', async () => {
    expect((await api('GET', '/health')).body).toEqual({ status: 'ok', storage: name === 'PGlite' ? 'pglite' : 'postgres' });
  });

  test('the whole billing flow: mint, subscribe, entitlements, plan change', async () => {
    const plan = await createPlan(api, server.secretKey, 'Flow', ['a', 'b']);
    const { sessionToken, customerId } = await mintToken(api, server.secretKey, 'flow_user', ['read_customer', 'read_entitlements', 'manage_subscription']);
    await attachCard(api, server.secretKey, customerId);
    const sub = await api('POST', '/v1/me/subscriptions', { key: sessionToken, body: { priceId: plan.prices[1]!.id } });
    expect(sub.body).toMatchObject({ customerId, status: 'active', price: { interval: 'year' } });
    expect((await api('GET', '/v1/me/entitlements', { key: sessionToken })).body.data.map((e: { featureKey: string }) => e.featureKey)).toEqual(['a', 'b']);
    expect((await api('GET', '/v1/me', { key: sessionToken })).body.id).toBe(customerId);
  });

  test('concurrent idempotent POSTs make one row, concurrent mints one customer', async () => {
    const body = { externalUserId: 'storage_race' };
    const headers = { 'Idempotency-Key': `race-${name}` };
    const created = await Promise.all([1, 2, 3].map(() => api('POST', '/v1/customers', { key: server.secretKey, body, headers })));
    const outcomes = created.map((response) => `${response.status} ${response.headers.get('idempotent-replayed') ?? response.body.error?.code ?? 'ran'}`);
    expect(outcomes.filter((outcome) => outcome === '201 ran')).toHaveLength(1);
    expect(outcomes.every((outcome) => ['201 ran', '201 true', '409 idempotency_request_in_progress'].includes(outcome))).toBe(true);
    const minted = await Promise.all([1, 2, 3].map(() => mintToken(api, server.secretKey, 'storage_mint_race')));
    expect(new Set(minted.map((token) => token.customerId)).size).toBe(1);
    for (const externalUserId of ['storage_race', 'storage_mint_race']) {
      expect((await api('GET', `/v1/customers?externalUserId=${externalUserId}`, { key: server.secretKey })).body.data).toHaveLength(1);
    }
  });

  test('pagination over subscriptions', async () => {
    const plan = await createPlan(api, server.secretKey, 'Paged', []);
    const { body: customer } = await api('POST', '/v1/customers', { key: server.secretKey, body: { externalUserId: 'paged' } });
    for (let i = 0; i < 7; i += 1) await api('POST', '/v1/subscriptions', { key: server.secretKey, body: { customerId: customer.id, priceId: plan.prices[0]!.id } });
    const first = await api('GET', `/v1/subscriptions?customerId=${customer.id}&limit=4`, { key: server.secretKey });
    const second = await api('GET', `/v1/subscriptions?customerId=${customer.id}&limit=4&startingAfter=${first.body.nextCursor}`, { key: server.secretKey });
    expect([first.body.data.length, first.body.hasMore, second.body.data.length, second.body.hasMore]).toEqual([4, true, 3, false]);
  });
});

describe.each(backends)('persistence and failures on %s', (name, databaseUrl) => {
  let scratch: ScratchDatabase | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    if (databaseUrl) scratch = await createScratchDatabase(databaseUrl);
    else dataDir = await mkdtemp(join(tmpdir(), 'billingos-storage-'));
  });
  afterAll(async () => {
    await scratch?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Persistent storage: the scratch database, or a PGlite folder (slow to create, so only where a restart is tested). */
  const storage = () => (scratch ? { databaseUrl: scratch.url } : { dataDir: dataDir! });
  const fastStorage = () => (scratch ? { databaseUrl: scratch.url } : {});

  test('migrations apply once and record themselves', async () => {
    const db = await openDatabase(fastStorage());
    try {
      const files = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql')).sort();
      expect(files[0]).toBe('001_initial.sql');
      expect(await migrate(db)).toEqual(files);
      expect(await migrate(db)).toEqual([]);
      expect((await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version')).map((row) => row.version)).toEqual(files);
    } finally {
      await db.close();
    }
  });

  test('a transaction that throws writes nothing', async () => {
    const db = await openDatabase(fastStorage());
    try {
      await migrate(db);
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO merchants (id, name) VALUES ('mer_rollback', 'x')");
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.query("SELECT id FROM merchants WHERE id = 'mer_rollback'")).toEqual([]);
    } finally {
      await db.close();
    }
  });

  test('data, hashed keys and signing keys survive a restart: a token minted before verifies after', async () => {
    const keys = generateMerchantKeys();
    const first = await startApiServer({ port: 0, keys, ...storage() });
    const api1 = client(first.url);
    const { sessionToken, customerId } = await mintToken(api1, keys.secretKey, 'survivor');
    const stored = await first.database.query<{ key_hash: string }>('SELECT key_hash FROM api_keys');
    expect(stored.map((row) => row.key_hash)).not.toContain(keys.secretKey);
    await first.close();

    const second = await startApiServer({ port: 0, ...storage() });
    try {
      expect(second.generatedKeys).toEqual({});
      const api2 = client(second.url);
      expect((await api2('GET', '/v1/me', { key: sessionToken })).body.id).toBe(customerId);
      expect((await api2('GET', `/v1/customers/${customerId}`, { key: keys.secretKey })).status).toBe(200);
    } finally {
      await second.close();
    }
  }, 120_000);

  test('storage failure: /health answers 503 and requests a 500 envelope with a request id', async () => {
    const server = await startApiServer({ port: 0, keys: generateMerchantKeys(), ...fastStorage() });
    const api = client(server.url);
    try {
      await server.database.close();
      expectError(await api('GET', '/health'), 503, 'api_error', 'storage_unreachable');
      const failed = await api('POST', '/v1/customers', { key: 'sk_test_unknown_but_well_formed_123', body: { externalUserId: 'x' } });
      const error = expectError(failed, 500, 'api_error', 'internal_error');
      expect(error.message).not.toMatch(/pglite|postgres|sql/i);
    } finally {
      await server.close().catch(() => undefined);
    }
  });
});

describe('in-memory test servers', () => {
  test('each starts empty, even though they start from one saved, migrated image', async () => {
    const first = await startTestServer();
    try {
      await mintToken(client(first.url), first.secretKey, 'only_in_first');
    } finally {
      await first.close();
    }
    const second = await startTestServer();
    try {
      const list = await client(second.url)('GET', '/v1/customers', { key: second.secretKey });
      expect(list.body.data).toEqual([]);
      expectError(await client(second.url)('GET', '/v1/customers', { key: first.secretKey }), 401, 'authentication_error', 'invalid_api_key');
    } finally {
      await second.close();
    }
  }, 60_000);
});
