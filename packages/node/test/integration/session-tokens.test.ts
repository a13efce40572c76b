import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS, InvalidRequestError } from '@billingos/node';

let server: TestServer;
let billing: BillingOS;
let requests = 0;

beforeAll(async () => {
  server = await startTestServer();
  const counting = (input: RequestInfo | URL, init?: RequestInit) => {
    requests += 1;
    return fetch(input, init);
  };
  billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url, transport: { send: counting } });
});
afterAll(() => server.close());

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

test('createSessionToken mints a token the API accepts for /v1/me', async () => {
  const before = Date.now();
  const token = await billing.createSessionToken({ externalUserId: 'user_me', expiresIn: 600, metadata: { source: 'test' } });
  expect(token.expiresAt).toBeInstanceOf(Date);
  expect(token.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 599_000);
  expect(token.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 601_000);
  expect(claims(token.sessionToken).sub).toBe('user_me');

  const me = await fetch(`${server.url}/v1/me`, { headers: { Authorization: `Bearer ${token.sessionToken}` } });
  expect(me.status).toBe(200);
  expect(await me.json()).toMatchObject({ id: token.customerId, externalUserId: 'user_me' });
});

test('sessionTokens.create upserts the same customer and scopes organization and operations', async () => {
  const a = await billing.sessionTokens.create({ externalUserId: 'user_b2b', externalOrganizationId: 'org_1', allowedOperations: ['read_subscription'] });
  const b = await billing.sessionTokens.create({ externalUserId: 'user_b2b', externalOrganizationId: 'org_1' });
  expect(a.customerId).toBe(b.customerId);
  const customer = await billing.customers.retrieve(a.customerId);
  expect(customer.externalOrganizationId).toBe('org_1');

  const denied = await fetch(`${server.url}/v1/me`, { headers: { Authorization: `Bearer ${a.sessionToken}` } });
  expect(denied.status).toBe(403);
});

test.each([59, 86_401, 1.5, Number.NaN])('expiresIn %p is refused before any request', async (expiresIn) => {
  const sent = requests;
  const error = await billing.createSessionToken({ externalUserId: 'user_x', expiresIn }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect(error).toMatchObject({ param: 'expiresIn', code: 'parameter_out_of_range', statusCode: undefined });
  expect(requests).toBe(sent);
});

test('the bounds 60 and 86400 are accepted', async () => {
  await expect(billing.createSessionToken({ externalUserId: 'user_lo', expiresIn: 60 })).resolves.toHaveProperty('sessionToken');
  await expect(billing.createSessionToken({ externalUserId: 'user_hi', expiresIn: 86_400 })).resolves.toHaveProperty('sessionToken');
});

test('a missing externalUserId is refused before any request', async () => {
  const sent = requests;
  await expect(billing.createSessionToken({ externalUserId: '' })).rejects.toMatchObject({ param: 'externalUserId' });
  expect(requests).toBe(sent);
});
