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
  test('deleting a customer cancels its live subscriptions, each with subscription.canceled, along with customer.deleted', async () => {
    const product = await api('POST', '/v1/products', { key: sk, body: { name: 'Deleted plan', prices: [{ amount: 500, currency: 'usd', interval: 'month' }] } });
    const customer = await api('POST', '/v1/customers', { key: sk, body: { externalUserId: 'delete_live_sub' } });
    const subscribe = () => api('POST', '/v1/subscriptions', { key: sk, body: { customerId: customer.body.id, priceId: product.body.prices[0].id } });
    const live = (await subscribe()).body;
    const ended = (await subscribe()).body;
    await api('POST', `/v1/subscriptions/${ended.id}/cancel`, { key: sk, body: {} });

    expect((await api('DELETE', `/v1/customers/${customer.body.id}`, { key: sk })).status).toBe(200);
    const events = (await api('GET', '/v1/events?limit=100', { key: sk })).body.data as Array<{ type: string; data: { id: string; status?: string } }>;
    const about = events.filter((event) => [live.id, ended.id, customer.body.id].includes(event.data.id));
    const named = (event: (typeof events)[number]) => `${event.type} ${event.data.id === live.id ? 'live' : event.data.id === ended.id ? 'ended' : 'customer'}`;
    // Ids order by the millisecond only, so events of one transaction are compared as a set.
    expect(about.map(named).sort()).toEqual([
      'customer.created customer',
      'customer.deleted customer',
      'subscription.canceled ended',
      'subscription.canceled live',
      'subscription.created ended',
      'subscription.created live',
    ]);
    expect(about.find((event) => named(event) === 'subscription.canceled live')!.data.status).toBe('canceled');
    expectError(await api('GET', `/v1/subscriptions/${live.id}`, { key: sk }), 404, 'not_found_error');
  });

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
