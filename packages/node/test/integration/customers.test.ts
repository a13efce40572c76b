import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS, NotFoundError } from '@billingos/node';

let server: TestServer;
let billing: BillingOS;

beforeAll(async () => {
  server = await startTestServer();
  billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url });
});
afterAll(() => server.close());

test('create, retrieve, update and delete a customer', async () => {
  const created = await billing.customers.create({ externalUserId: 'user_crud', email: 'ada@example.com', metadata: { plan: 'pro' } });
  expect(created).toMatchObject({ object: 'customer', externalUserId: 'user_crud', email: 'ada@example.com', livemode: false });
  expect(created.id).toMatch(/^cus_/);

  expect(await billing.customers.retrieve(created.id)).toEqual(created);

  const updated = await billing.customers.update(created.id, { name: 'Ada Lovelace', email: null });
  expect(updated).toMatchObject({ id: created.id, name: 'Ada Lovelace', email: null });

  expect(await billing.customers.del(created.id)).toEqual({ id: created.id, object: 'customer', deleted: true });
  await expect(billing.customers.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
});

test('list filters by externalUserId and iterates every page with for await', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 7; i += 1) ids.push((await billing.customers.create({ externalUserId: `user_page_${i}` })).id);

  const first = await billing.customers.list({ limit: 3 });
  expect(first.data).toHaveLength(3);
  expect(first.hasMore).toBe(true);
  expect(first.nextCursor).toBe(first.data[2]!.id);

  const seen: string[] = [];
  for await (const customer of billing.customers.list({ limit: 2 })) seen.push(customer.id);
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen).toEqual(expect.arrayContaining(ids));

  const filtered = await billing.customers.list({ externalUserId: 'user_page_3' });
  expect(filtered.data.map((customer) => customer.id)).toEqual([ids[3]]);
  expect(filtered.hasMore).toBe(false);
});

test("B2B: an organization's customer has no externalUserId, is shared by members' tokens and found by list({ externalOrganizationId })", async () => {
  const organization = await billing.customers.create({ externalOrganizationId: 'org_acme', name: 'Acme' });
  expect(organization).toMatchObject({ externalUserId: null, externalOrganizationId: 'org_acme', name: 'Acme' });
  const member = await billing.customers.create({ externalUserId: 'user_acme_member' });
  const { customerId } = await billing.createSessionToken({ externalUserId: 'user_acme_member', externalOrganizationId: 'org_acme' });
  expect(customerId).toBe(organization.id);

  const page = await billing.customers.list({ externalOrganizationId: 'org_acme' });
  expect(page.data.map((customer) => customer.id)).toEqual([organization.id]);
  expect((await billing.customers.list({ externalUserId: 'user_acme_member' })).data.map((customer) => customer.id)).toEqual([member.id]);
  expect((await billing.customers.list({ externalOrganizationId: 'org_nobody' })).data).toEqual([]);
});

test('toArray stops at its maximum', async () => {
  expect(await billing.customers.list({ limit: 2 }).toArray(3)).toHaveLength(3);
});

test('ids that are no ids never reach the API; an odd but safe id is one path segment (404, not another route)', async () => {
  await billing.customers.create({ externalUserId: 'user_ids' });
  for (const id of ['.', '..', '', 'cus_1/entitlements', 'cus_1?limit=1']) {
    await expect(billing.customers.retrieve(id)).rejects.toMatchObject({ name: 'InvalidRequestError', param: 'id', statusCode: undefined });
  }
  const error = await billing.customers.retrieve('%2e%2e').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NotFoundError);
  expect(error).toMatchObject({ statusCode: 404, requestId: expect.stringMatching(/^req_/) });
});
