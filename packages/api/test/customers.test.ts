import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { client, expectError } from './support/http';

let server: TestServer;
let api: ReturnType<typeof client>;
let sk: string;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  sk = server.secretKey;
});
afterAll(() => server.close());

describe('/v1/customers', () => {
  test('create, retrieve, update, delete', async () => {
    const created = await api('POST', '/v1/customers', {
      key: sk,
      body: { externalUserId: 'crud_1', email: 'ada@example.com', name: 'Ada', metadata: { tier: 'gold' } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^cus_/),
      object: 'customer',
      externalUserId: 'crud_1',
      externalOrganizationId: null,
      email: 'ada@example.com',
      name: 'Ada',
      metadata: { tier: 'gold' },
      livemode: false,
    });
    const id = created.body.id as string;
    expect((await api('GET', `/v1/customers/${id}`, { key: sk })).body).toEqual(created.body);

    const updated = await api('PATCH', `/v1/customers/${id}`, { key: sk, body: { name: 'Ada L.', email: null } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Ada L.', email: null, metadata: { tier: 'gold' }, externalUserId: 'crud_1' });

    const deleted = await api('DELETE', `/v1/customers/${id}`, { key: sk });
    expect(deleted.body).toEqual({ id, object: 'customer', deleted: true });
    expectError(await api('GET', `/v1/customers/${id}`, { key: sk }), 404, 'not_found_error', 'resource_missing');
    expectError(await api('PATCH', `/v1/customers/${id}`, { key: sk, body: { name: 'x' } }), 404, 'not_found_error');
    expectError(await api('DELETE', `/v1/customers/${id}`, { key: sk }), 404, 'not_found_error');
  });

  test('a second customer with the same externalUserId is a 400 naming the field', async () => {
    await api('POST', '/v1/customers', { key: sk, body: { externalUserId: 'dup' } });
    const error = expectError(await api('POST', '/v1/customers', { key: sk, body: { externalUserId: 'dup' } }), 400, 'invalid_request_error', 'customer_exists');
    expect(error.param).toBe('externalUserId');
  });

  test.each([
    [{ externalUserId: 'v', email: 'not-an-email' }, 'email'],
    [{ externalUserId: 'v', name: 'n'.repeat(256) }, 'name'],
    [{ externalUserId: 'x'.repeat(256) }, 'externalUserId'],
    [{ externalUserId: 'v', metadata: 'nope' }, 'metadata'],
    [{ externalUserId: 'v', metadata: { long: 'v'.repeat(501) } }, 'metadata.long'],
    [{ externalUserId: 'v', id: 'cus_mine' }, 'id'],
  ])('POST %j is a 400 on %s and writes nothing', async (body, param) => {
    expect(expectError(await api('POST', '/v1/customers', { key: sk, body }), 400, 'invalid_request_error').param).toBe(param);
    expect((await api('GET', '/v1/customers?externalUserId=v', { key: sk })).body.data).toEqual([]);
  });

  test('PATCH refuses externalUserId (it is the key) and unknown fields', async () => {
    const { body } = await api('POST', '/v1/customers', { key: sk, body: { externalUserId: 'patch_me' } });
    expect(expectError(await api('PATCH', `/v1/customers/${body.id}`, { key: sk, body: { externalUserId: 'other' } }), 400, 'invalid_request_error').param).toBe('externalUserId');
  });

  test('pagination walks every customer exactly once across several pages', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 12; i += 1) {
      const { body } = await api('POST', '/v1/customers', { key: server.liveSecretKey, body: { externalUserId: `page_${i}` } });
      ids.add(body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=5&startingAfter=${cursor}` : '?limit=5';
      const page = await api('GET', `/v1/customers${query}`, { key: server.liveSecretKey });
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(5);
      seen.push(...page.body.data.map((customer: { id: string }) => customer.id));
      cursor = page.body.hasMore ? page.body.nextCursor : null;
      if (!page.body.hasMore) expect(page.body.nextCursor).toBeNull();
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(12);
    expect(new Set(seen)).toEqual(ids);
  });

  test('the test key sees none of the live customers and vice versa', async () => {
    const live = await api('POST', '/v1/customers', { key: server.liveSecretKey, body: { externalUserId: 'mode_only_live' } });
    expect((await api('GET', '/v1/customers?externalUserId=mode_only_live', { key: sk })).body.data).toEqual([]);
    expectError(await api('GET', `/v1/customers/${live.body.id}`, { key: sk }), 404, 'not_found_error');
    expectError(await api('DELETE', `/v1/customers/${live.body.id}`, { key: sk }), 404, 'not_found_error');
    expect((await api('GET', `/v1/customers/${live.body.id}`, { key: server.liveSecretKey })).status).toBe(200);
  });
});
