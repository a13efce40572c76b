import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import type { StorageOptions } from '../src/storage/open-database';
import { openDatabase } from '../src/storage/open-database';
import { MIGRATIONS_DIR, migrate } from '../src/storage/migrate';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { client, expectError } from './support/http';
import { attachCard, createPlan } from './support/fixtures';
import { postgresUrl } from './support/postgres-url';

const pgUrl = postgresUrl();
const backends: [string, string | undefined][] = [['PGlite', undefined]];
if (pgUrl) backends.push(['PostgreSQL', pgUrl]);

const EVERY_OPERATION = ['read_customer', 'read_subscription', 'read_entitlements', 'manage_subscription'];

type Api = ReturnType<typeof client>;

async function mintFor(api: Api, key: string, externalUserId: string, externalOrganizationId?: string) {
  const response = await api('POST', '/v1/session-tokens', {
    key,
    body: { externalUserId, ...(externalOrganizationId ? { externalOrganizationId } : {}), allowedOperations: EVERY_OPERATION },
  });
  if (response.status !== 201) throw new Error(`mint failed: ${JSON.stringify(response.body)}`);
  return response.body as { sessionToken: string; customerId: string };
}

const subscriptionIds = async (api: Api, token: string) =>
  ((await api('GET', '/v1/me/subscriptions', { key: token })).body.data as { id: string }[]).map((subscription) => subscription.id).sort();

/** A webhook endpoint that keeps every event it receives. */
async function startReceiver() {
  const events: { type: string; data: Record<string, unknown> }[] = [];
  const receiver: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      events.push(JSON.parse(body));
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
    events,
    close: () => new Promise((resolve) => receiver.close(resolve)),
  };
}

describe.each(backends)('B2B on %s: an organization is one customer, shared by its members', (_name, databaseUrl) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: TestServer;
  let api: Api;
  let sk: string;
  let plan: { id: string; prices: { id: string }[] };
  const mint = (externalUserId: string, externalOrganizationId?: string) => mintFor(api, sk, externalUserId, externalOrganizationId);

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({ webhookEndpoint: receiver.url, ...(databaseUrl ? { databaseUrl } : {}) });
    api = client(server.url);
    sk = server.secretKey;
    plan = await createPlan(api, sk, 'Team', ['seats', 'sso']);
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  test('two members share one customer and one subscription: each sees, changes and cancels it', async () => {
    const ada = await mint('ada', 'org_acme');
    const bob = await mint('bob', 'org_acme');
    expect(bob.customerId).toBe(ada.customerId);
    expect(decodeJwt(ada.sessionToken)).toMatchObject({ sub: 'ada', organization: 'org_acme', customer: ada.customerId });
    expect(decodeJwt(bob.sessionToken)).toMatchObject({ sub: 'bob', organization: 'org_acme', customer: ada.customerId });
    for (const token of [ada.sessionToken, bob.sessionToken]) {
      expect((await api('GET', '/v1/me', { key: token })).body).toMatchObject({ id: ada.customerId, externalUserId: null, externalOrganizationId: 'org_acme' });
    }

    await attachCard(api, sk, ada.customerId);
    const created = await api('POST', '/v1/me/subscriptions', { key: ada.sessionToken, body: { priceId: plan.prices[0]!.id } });
    expect(created.status).toBe(201);
    expect(created.body.customerId).toBe(ada.customerId);
    expect(await subscriptionIds(api, bob.sessionToken)).toEqual([created.body.id]);
    const features = (await api('GET', '/v1/me/entitlements', { key: bob.sessionToken })).body.data.map((e: { featureKey: string }) => e.featureKey);
    expect(features).toEqual(['seats', 'sso']);

    const changed = await api('PATCH', `/v1/me/subscriptions/${created.body.id}`, { key: bob.sessionToken, body: { priceId: plan.prices[1]!.id } });
    expect(changed.status).toBe(200);
    expect((await api('GET', `/v1/me/subscriptions/${created.body.id}`, { key: ada.sessionToken })).body.price.id).toBe(plan.prices[1]!.id);
    const canceled = await api('POST', `/v1/me/subscriptions/${created.body.id}/cancel`, { key: ada.sessionToken, body: { atPeriodEnd: true } });
    expect(canceled.status).toBe(200);
    expect((await api('GET', `/v1/me/subscriptions/${created.body.id}`, { key: bob.sessionToken })).body.cancelAtPeriodEnd).toBe(true);
    expect((await api('GET', `/v1/subscriptions?customerId=${ada.customerId}`, { key: sk })).body.data).toHaveLength(1);
  });

  test('a member of another organization neither sees nor changes it, and one user in two organizations gets each one', async () => {
    const ada = await mint('ada_x', 'org_globex');
    await attachCard(api, sk, ada.customerId);
    const sub = await api('POST', '/v1/me/subscriptions', { key: ada.sessionToken, body: { priceId: plan.prices[0]!.id } });
    const eve = await mint('eve', 'org_initech');
    expect(eve.customerId).not.toBe(ada.customerId);
    expect((await api('GET', '/v1/me', { key: eve.sessionToken })).body).toMatchObject({ id: eve.customerId, externalOrganizationId: 'org_initech' });
    expect(await subscriptionIds(api, eve.sessionToken)).toEqual([]);
    expect((await api('GET', '/v1/me/entitlements', { key: eve.sessionToken })).body.data).toEqual([]);
    expectError(await api('GET', `/v1/me/subscriptions/${sub.body.id}`, { key: eve.sessionToken }), 404, 'not_found_error');
    expectError(await api('PATCH', `/v1/me/subscriptions/${sub.body.id}`, { key: eve.sessionToken, body: { priceId: plan.prices[1]!.id } }), 404, 'not_found_error');
    expectError(await api('POST', `/v1/me/subscriptions/${sub.body.id}/cancel`, { key: eve.sessionToken, body: {} }), 404, 'not_found_error');
    expect((await api('GET', `/v1/subscriptions/${sub.body.id}`, { key: sk })).body).toMatchObject({ status: 'active', price: { id: plan.prices[0]!.id } });

    const adaAtInitech = await mint('ada_x', 'org_initech');
    expect(adaAtInitech.customerId).toBe(eve.customerId);
    expect(await subscriptionIds(api, adaAtInitech.sessionToken)).toEqual([]);
  });

  test("a mint without an organization keeps the user's own customer, apart from their organization's", async () => {
    const atWork = await mint('carol', 'org_umbrella');
    await attachCard(api, sk, atWork.customerId);
    expect((await api('POST', '/v1/me/subscriptions', { key: atWork.sessionToken, body: { priceId: plan.prices[0]!.id } })).status).toBe(201);
    const own = await mint('carol');
    expect(own.customerId).not.toBe(atWork.customerId);
    expect(decodeJwt(own.sessionToken).organization).toBeUndefined();
    expect((await api('GET', '/v1/me', { key: own.sessionToken })).body).toMatchObject({ id: own.customerId, externalUserId: 'carol', externalOrganizationId: null });
    expect(await subscriptionIds(api, own.sessionToken)).toEqual([]);
    expect((await mint('carol')).customerId).toBe(own.customerId);
    expect((await mint('carol', 'org_umbrella')).customerId).toBe(atWork.customerId);
    const listed = await api('GET', '/v1/customers?externalUserId=carol', { key: sk });
    expect(listed.body.data.map((customer: { id: string }) => customer.id)).toEqual([own.customerId]);
  });

  test('concurrent first mints by members make one customer and one customer.created, which names the organization only', async () => {
    const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
    const minted = await Promise.all(members.map((member) => mint(member, 'org_race')));
    expect(new Set(minted.map((token) => token.customerId)).size).toBe(1);
    const listed = await api('GET', '/v1/customers?externalOrganizationId=org_race', { key: sk });
    expect(listed.body.data).toEqual([expect.objectContaining({ id: minted[0]!.customerId, externalUserId: null, externalOrganizationId: 'org_race' })]);

    // The outbox delivers oldest first: once a later customer's event is in, any second org_race event would be too.
    const after = await api('POST', '/v1/customers', { key: sk, body: { externalUserId: 'after_race' } });
    const deadline = Date.now() + 15_000;
    while (!receiver.events.some((event) => event.data.id === after.body.id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const created = receiver.events.filter((event) => event.type === 'customer.created' && event.data.externalOrganizationId === 'org_race');
    expect(created.map((event) => event.data)).toEqual([listed.body.data[0]]);
  });

  test("POST /v1/customers creates an organization's customer, which members' mints then use; the list filters by organization", async () => {
    const created = await api('POST', '/v1/customers', { key: sk, body: { externalOrganizationId: 'org_made', name: 'Made Inc.', email: 'billing@made.test' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'customer', externalUserId: null, externalOrganizationId: 'org_made', name: 'Made Inc.' });
    expect((await mint('dan', 'org_made')).customerId).toBe(created.body.id);

    const again = expectError(await api('POST', '/v1/customers', { key: sk, body: { externalOrganizationId: 'org_made' } }), 400, 'invalid_request_error', 'customer_exists');
    expect(again.param).toBe('externalOrganizationId');
    const both = await api('POST', '/v1/customers', { key: sk, body: { externalUserId: 'dan', externalOrganizationId: 'org_other' } });
    expect(expectError(both, 400, 'invalid_request_error', 'parameter_invalid').param).toBe('externalOrganizationId');
    expect(expectError(await api('POST', '/v1/customers', { key: sk, body: { name: 'Nobody' } }), 400, 'invalid_request_error', 'parameter_missing').param).toBe('externalUserId');
    const patch = await api('PATCH', `/v1/customers/${created.body.id}`, { key: sk, body: { externalOrganizationId: 'org_renamed' } });
    expect(expectError(patch, 400, 'invalid_request_error', 'unknown_parameter').param).toBe('externalOrganizationId');

    const listed = await api('GET', '/v1/customers?externalOrganizationId=org_made', { key: sk });
    expect(listed.body.data.map((customer: { id: string }) => customer.id)).toEqual([created.body.id]);
    expect((await api('GET', '/v1/customers?externalOrganizationId=org_nobody', { key: sk })).body.data).toEqual([]);
    expect((await api('GET', '/v1/customers?externalOrganizationId=org_made', { key: server.liveSecretKey })).body.data).toEqual([]);
    expect((await mintFor(api, server.liveSecretKey, 'dan', 'org_made')).customerId).not.toBe(created.body.id);
    const badFilter = await api('GET', `/v1/customers?externalOrganizationId=${'x'.repeat(256)}`, { key: sk });
    expect(expectError(badFilter, 400, 'invalid_request_error').param).toBe('externalOrganizationId');
  });
});

describe.each(backends)('migration 002 on %s: customers that carry an organization', (_name, databaseUrl) => {
  const scratches: ScratchDatabase[] = [];
  let only001: string;

  /** Empty storage: in-memory PGlite, or a scratch PostgreSQL database dropped after the suite. */
  async function freshStorage(): Promise<StorageOptions> {
    if (!databaseUrl) return {};
    const scratch = await createScratchDatabase(databaseUrl);
    scratches.push(scratch);
    return { databaseUrl: scratch.url };
  }

  beforeAll(async () => {
    only001 = await mkdtemp(join(tmpdir(), 'billingos-migrations-001-'));
    await copyFile(join(MIGRATIONS_DIR, '001_initial.sql'), join(only001, '001_initial.sql'));
  });
  afterAll(async () => {
    for (const scratch of scratches) await scratch.drop();
    await rm(only001, { recursive: true, force: true });
  });

  test("become one customer per organization that keeps every member's subscriptions; the others stay their users' own", async () => {
    const db = await openDatabase(await freshStorage());
    try {
      expect(await migrate(db, only001)).toEqual(['001_initial.sql']);
      await insertOldShapeRows(db);
      expect(await migrate(db)).toContain('002_organization_customers.sql');

      const customers = await db.query('SELECT id, external_user_id, external_organization_id, name FROM customers ORDER BY id');
      expect(customers).toEqual([
        { id: 'cus_a_amy', external_user_id: 'amy', external_organization_id: null, name: null },
        { id: 'cus_a_bea', external_user_id: 'bea', external_organization_id: null, name: null },
        { id: 'cus_a_zed', external_user_id: null, external_organization_id: 'org_a', name: 'Acme' },
        { id: 'cus_b_bob', external_user_id: null, external_organization_id: 'org_b', name: null },
        { id: 'cus_live_lu', external_user_id: null, external_organization_id: 'org_a', name: null },
        { id: 'cus_own_pat', external_user_id: 'pat', external_organization_id: null, name: null },
      ]);
      expect(await db.query('SELECT id, customer_id FROM subscriptions ORDER BY id')).toEqual([
        { id: 'sub_amy', customer_id: 'cus_a_zed' },
        { id: 'sub_bea', customer_id: 'cus_a_zed' },
        { id: 'sub_bob', customer_id: 'cus_b_bob' },
        { id: 'sub_lu', customer_id: 'cus_live_lu' },
        { id: 'sub_pat', customer_id: 'cus_own_pat' },
        { id: 'sub_zed', customer_id: 'cus_a_zed' },
      ]);
      await expect(db.query("INSERT INTO customers (id, merchant_id, mode, external_organization_id) VALUES ('cus_dup', 'mer_default', 'test', 'org_a')")).rejects.toThrow(/duplicate key value violates unique constraint/);
      await expect(
        db.query("INSERT INTO customers (id, merchant_id, mode, external_user_id, external_organization_id) VALUES ('cus_both', 'mer_default', 'test', 'x', 'org_x')"),
      ).rejects.toThrow(/violates check constraint/);
      await expect(db.query("INSERT INTO customers (id, merchant_id, mode) VALUES ('cus_nobody', 'mer_default', 'test')")).rejects.toThrow(/violates check constraint/);
    } finally {
      await db.close();
    }
  });

  // A server on migrated PGlite needs a data folder, which costs ~30 s to create on a busy machine; PostgreSQL takes 2 s.
  (databaseUrl ? test : test.skip)("and the API answers for them: every member's token sees the organization's subscriptions", async () => {
    const storage = await freshStorage();
    const db = await openDatabase(storage);
    try {
      await migrate(db, only001);
      await insertOldShapeRows(db);
    } finally {
      await db.close();
    }
    const keys = generateMerchantKeys();
    const server = await startApiServer({ port: 0, keys, ...storage });
    try {
      const api = client(server.url);
      const amyAtWork = await mintFor(api, keys.secretKey, 'amy', 'org_a');
      expect(amyAtWork.customerId).toBe('cus_a_zed');
      expect((await api('GET', '/v1/me', { key: amyAtWork.sessionToken })).body).toMatchObject({ id: 'cus_a_zed', externalUserId: null, name: 'Acme' });
      expect(await subscriptionIds(api, amyAtWork.sessionToken)).toEqual(['sub_amy', 'sub_bea', 'sub_zed']);
      expect((await api('GET', '/v1/me/entitlements', { key: amyAtWork.sessionToken })).body.data).toEqual([expect.objectContaining({ featureKey: 'old' })]);
      expect((await mintFor(api, keys.secretKey, 'amy')).customerId).toBe('cus_a_amy');
      const zed = await mintFor(api, keys.secretKey, 'zed');
      expect(zed.customerId).not.toMatch(/^cus_a_/);
      expect(await subscriptionIds(api, zed.sessionToken)).toEqual([]);
      expect((await mintFor(api, keys.secretKey, 'bob', 'org_b')).customerId).toBe('cus_b_bob');
      expect((await mintFor(api, keys.liveSecretKey, 'someone', 'org_a')).customerId).toBe('cus_live_lu');
      expect(await subscriptionIds(api, (await mintFor(api, keys.secretKey, 'pat')).sessionToken)).toEqual(['sub_pat']);
    } finally {
      await server.close();
    }
  }, 60_000);
});

/**
 * Rows as the API wrote them before 002: org_a has three members' customers in test mode (zed
 * the oldest, though not the first id) and one in live mode; org_b one; pat none.
 */
async function insertOldShapeRows(db: Awaited<ReturnType<typeof openDatabase>>) {
  await db.query("INSERT INTO merchants (id, name) VALUES ('mer_default', 'Old merchant')");
  for (const mode of ['test', 'live']) {
    await db.query(`INSERT INTO products (id, merchant_id, mode, name, feature_keys) VALUES ('prod_${mode}', 'mer_default', '${mode}', 'Old', '["old"]')`);
    await db.query(`INSERT INTO prices (id, product_id, amount, currency, interval) VALUES ('price_${mode}', 'prod_${mode}', 500, 'usd', 'month')`);
  }
  const customers = [
    ['cus_a_zed', 'test', 'zed', 'org_a', '2024-01-01', 'Acme'],
    ['cus_a_amy', 'test', 'amy', 'org_a', '2024-02-01', null],
    ['cus_a_bea', 'test', 'bea', 'org_a', '2024-03-01', null],
    ['cus_live_lu', 'live', 'lu', 'org_a', '2024-04-01', null],
    ['cus_b_bob', 'test', 'bob', 'org_b', '2024-01-15', null],
    ['cus_own_pat', 'test', 'pat', null, '2024-01-20', null],
  ];
  for (const [id, mode, user, organization, createdAt, name] of customers) {
    await db.query(
      'INSERT INTO customers (id, merchant_id, mode, external_user_id, external_organization_id, created_at, name) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, 'mer_default', mode, user, organization, createdAt, name],
    );
  }
  const subscriptions = [
    ['sub_zed', 'cus_a_zed', 'test'],
    ['sub_amy', 'cus_a_amy', 'test'],
    ['sub_bea', 'cus_a_bea', 'test'],
    ['sub_lu', 'cus_live_lu', 'live'],
    ['sub_bob', 'cus_b_bob', 'test'],
    ['sub_pat', 'cus_own_pat', 'test'],
  ];
  for (const [id, customerId, mode] of subscriptions) {
    await db.query(
      `INSERT INTO subscriptions (id, merchant_id, mode, customer_id, price_id, status, current_period_start, current_period_end)
       VALUES ($1, 'mer_default', $2, $3, $4, 'active', now(), now() + interval '30 days')`,
      [id, mode, customerId, `price_${mode}`],
    );
  }
}
