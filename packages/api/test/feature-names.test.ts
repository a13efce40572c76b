import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { client, expectError } from './support/http';
import { mintToken } from './support/fixtures';

let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
});
afterAll(() => server.close());

const prices = [{ amount: 900, currency: 'usd', interval: 'month' }];

test('a feature keeps its display name (trimmed) for every reader; a feature given none has no name field', async () => {
  const created = await api('POST', '/v1/products', {
    key: server.secretKey,
    body: {
      name: 'Named',
      featureKeys: ['reports'],
      features: [
        { key: 'ai_credits', name: ' AI credits ', type: 'metered', limit: 100 },
        { key: 'sso', name: 'Single sign-on (SAML)', type: 'boolean' },
        { key: 'exports', type: 'boolean' },
      ],
      prices,
    },
  });
  expect(created.status).toBe(201);
  expect(created.body.features).toEqual([
    { key: 'reports', type: 'boolean' },
    { key: 'ai_credits', name: 'AI credits', type: 'metered', limit: 100, reset: 'period' },
    { key: 'sso', name: 'Single sign-on (SAML)', type: 'boolean' },
    { key: 'exports', type: 'boolean' },
  ]);
  expect(created.body.featureKeys).toEqual(['reports', 'ai_credits', 'sso', 'exports']);

  const { sessionToken } = await mintToken(api, server.secretKey, 'reader');
  for (const key of [server.secretKey, server.publishableKey, sessionToken]) {
    expect((await api('GET', `/v1/products/${created.body.id}`, { key })).body.features).toEqual(created.body.features);
    const listed = (await api('GET', '/v1/products?limit=100', { key })).body.data.find((product: { id: string }) => product.id === created.body.id);
    expect(listed.features).toEqual(created.body.features);
  }
});

test.each([
  [{ key: 'a', name: '', type: 'boolean' }, 'features.0.name'],
  [{ key: 'b', name: '   ', type: 'metered', limit: 1 }, 'features.0.name'],
  [{ key: 'c', name: 'x'.repeat(101), type: 'boolean' }, 'features.0.name'],
  [{ key: 'd', name: 7, type: 'boolean' }, 'features.0.name'],
])('400 for the feature %j (param %s)', async (feature, param) => {
  const error = expectError(await api('POST', '/v1/products', { key: server.secretKey, body: { name: 'X', features: [feature], prices } }), 400, 'invalid_request_error');
  expect(error.param).toBe(param);
});
