import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { MAX_SESSION_METADATA_BYTES } from '../src/session-tokens/session-token.schemas';
import { client, expectError } from './support/http';

let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
});
afterAll(() => server.close());

const mint = (body: unknown, key = server.secretKey) => api('POST', '/v1/session-tokens', { key, body });

describe('POST /v1/session-tokens', () => {
  test('mints an HS256 token with kid and the documented claims, and GET /v1/me accepts it', async () => {
    const before = Math.floor(Date.now() / 1000);
    const response = await mint({ externalUserId: 'user_claims', externalOrganizationId: 'org_1', metadata: { plan: 'pro' } });
    expect(response.status).toBe(201);
    const { sessionToken, expiresAt } = response.body;
    expect(decodeProtectedHeader(sessionToken)).toEqual({ alg: 'HS256', typ: 'JWT', kid: expect.any(String) });
    const claims = decodeJwt(sessionToken);
    expect(claims).toMatchObject({
      iss: 'https://api.billingos.dev',
      aud: 'billingos:session',
      sub: 'user_claims',
      organization: 'org_1',
      merchant: 'mer_default',
      customer: expect.stringMatching(/^cus_/),
      operations: ['read_customer', 'read_subscription', 'read_entitlements'],
      mode: 'test',
      metadata: { plan: 'pro' },
      jti: expect.any(String),
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(new Date(expiresAt).getTime()).toBe(claims.exp! * 1000);

    const me = await api('GET', '/v1/me', { key: sessionToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: claims.customer, externalUserId: null, externalOrganizationId: 'org_1' });
  });

  test('upserts the customer: one customer per external user id however many mints', async () => {
    const first = await mint({ externalUserId: 'user_upsert' });
    const second = await mint({ externalUserId: 'user_upsert' });
    expect(decodeJwt(first.body.sessionToken).customer).toBe(decodeJwt(second.body.sessionToken).customer);
    const list = await api('GET', '/v1/customers?externalUserId=user_upsert', { key: server.secretKey });
    expect(list.body.data).toHaveLength(1);
  });

  test('honours expiresIn and allowedOperations', async () => {
    const response = await mint({ externalUserId: 'user_ops', expiresIn: 60, allowedOperations: ['manage_subscription'] });
    const claims = decodeJwt(response.body.sessionToken);
    expect(claims.exp! - claims.iat!).toBe(60);
    expect(claims.operations).toEqual(['manage_subscription']);
  });

  test.each([
    [{ externalUserId: 'u', expiresIn: 59 }, 'expiresIn'],
    [{ externalUserId: 'u', expiresIn: 86_401 }, 'expiresIn'],
    [{ externalUserId: 'u', expiresIn: 600.5 }, 'expiresIn'],
    [{ externalUserId: 'u', allowedOperations: ['delete_everything'] }, 'allowedOperations.0'],
    [{ externalUserId: 'u', allowedOperations: ['read_customer', 'read_customer'] }, 'allowedOperations'],
    [{ externalUserId: '' }, 'externalUserId'],
    [{ externalUserId: 42 }, 'externalUserId'],
    [{}, 'externalUserId'],
    [{ externalUserId: 'u', role: 'admin' }, 'role'],
    [{ externalUserId: 'u', metadata: { k: 1 } }, 'metadata.k'],
  ])('400 for %j with param %s, and no customer is written', async (body, param) => {
    const response = await mint(body);
    expect(expectError(response, 400, 'invalid_request_error').param).toBe(param);
    const list = await api('GET', '/v1/customers?externalUserId=u', { key: server.secretKey });
    expect(list.body.data).toHaveLength(0);
  });

  test('a publishable key can never mint (403), a session token neither, and no key is a 401', async () => {
    expectError(await mint({ externalUserId: 'u_pk' }, server.publishableKey), 403, 'permission_error', 'publishable_key_not_allowed');
    const token = (await mint({ externalUserId: 'u_st', allowedOperations: ['manage_subscription'] })).body.sessionToken;
    expectError(await mint({ externalUserId: 'u_st2' }, token), 403, 'permission_error', 'session_token_not_allowed');
    expectError(await api('POST', '/v1/session-tokens', { body: { externalUserId: 'u' } }), 401, 'authentication_error', 'missing_credential');
  });

  test('a live key mints a live token whose customer the test key cannot see', async () => {
    const response = await mint({ externalUserId: 'user_live' }, server.liveSecretKey);
    const claims = decodeJwt(response.body.sessionToken);
    expect(claims.mode).toBe('live');
    expectError(await api('GET', `/v1/customers/${String(claims.customer)}`, { key: server.secretKey }), 404, 'not_found_error');
    expect((await api('GET', `/v1/customers/${String(claims.customer)}`, { key: server.liveSecretKey })).status).toBe(200);
  });
});

/** Metadata whose JSON is exactly `bytes` long, within the per-key limits (values up to 500 characters). */
function metadataOfBytes(bytes: number): Record<string, string> {
  const keys = ['k0', 'k1', 'k2', 'k3', 'k4'];
  const metadata: Record<string, string> = Object.fromEntries(keys.map((key) => [key, '']));
  let missing = bytes - Buffer.byteLength(JSON.stringify(metadata));
  for (const key of keys) {
    const length = Math.min(500, missing);
    metadata[key] = 'm'.repeat(length);
    missing -= length;
  }
  if (missing !== 0) throw new Error(`metadataOfBytes cannot reach ${bytes}`);
  return metadata;
}

describe('one signature, one spelling', () => {
  test('a header whose alg is not a string (even one that cannot be printed) is a 401, not a 500', async () => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const alg of [{ toString: '' }, ['HS256'], null]) {
      const token = `${part({ alg, typ: 'JWT' })}.${part({ sub: 'x' })}.${'A'.repeat(43)}`;
      expectError(await api('GET', '/v1/me', { key: token }), 401, 'authentication_error', 'invalid_session_token');
    }
  });

  test('another base64url spelling of the same signature bytes is refused (spare bits set, padding, standard alphabet)', async () => {
    const { sessionToken } = (await mint({ externalUserId: 'spelling' })).body as { sessionToken: string };
    const [header, payload, signature] = sessionToken.split('.') as [string, string, string];
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(signature.at(-1)!);
    const spareBitsSet = `${signature.slice(0, -1)}${'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[last + 1]}`;
    const standardAlphabet = Buffer.from(signature, 'base64url').toString('base64');
    expect((await api('GET', '/v1/me', { key: sessionToken })).status).toBe(200);
    for (const variant of [spareBitsSet, `${signature}=`, standardAlphabet, `${signature.slice(0, 10)}!${signature.slice(10)}`]) {
      expectError(await api('GET', '/v1/me', { key: `${header}.${payload}.${variant}` }), 401, 'authentication_error', 'invalid_session_token');
    }
  });
});

describe('session-token metadata is capped so every token fits in a header', () => {
  /** Each character serializes to 6 bytes of JSON (\u0001): the costliest 255-character ids. */
  const costliest = (char: string) => char.repeat(255);
  const everyOperation = ['read_customer', 'read_subscription', 'read_entitlements', 'manage_subscription'];

  test(`the largest allowed metadata (${MAX_SESSION_METADATA_BYTES} bytes of JSON), with the costliest ids and every operation, mints a token GET /v1/me accepts`, async () => {
    const metadata = metadataOfBytes(MAX_SESSION_METADATA_BYTES);
    const response = await mint({
      externalUserId: costliest('\u0001'),
      externalOrganizationId: costliest('\u0002'),
      allowedOperations: everyOperation,
      expiresIn: 86_400,
      metadata,
    });
    expect(response.status).toBe(201);
    const { sessionToken } = response.body as { sessionToken: string };
    expect(decodeJwt(sessionToken)).toMatchObject({ sub: costliest('\u0001'), organization: costliest('\u0002'), operations: everyOperation, metadata });
    expect(sessionToken.length).toBeLessThan(8 * 1024);
    const me = await api('GET', '/v1/me', { key: sessionToken });
    expect(me.status).toBe(200);
    expect(me.body.externalOrganizationId).toBe(costliest('\u0002'));
    expect((await api('GET', '/v1/me/subscriptions', { key: sessionToken })).status).toBe(200);
  });

  test('one byte more is a 400 naming metadata and the limit, and writes no customer', async () => {
    const response = await mint({ externalUserId: 'user_too_much', metadata: metadataOfBytes(MAX_SESSION_METADATA_BYTES + 1) });
    const error = expectError(response, 400, 'invalid_request_error', 'parameter_invalid');
    expect(error.param).toBe('metadata');
    expect(error.message).toContain(`${MAX_SESSION_METADATA_BYTES} bytes`);
    expect((await api('GET', '/v1/customers?externalUserId=user_too_much', { key: server.secretKey })).body.data).toEqual([]);
  });

  test('multi-byte characters count as the bytes they serialize to, not as characters', async () => {
    const euros = { k0: '€'.repeat(500), k1: '€'.repeat(200) };
    expect(JSON.stringify(euros).length).toBeLessThan(MAX_SESSION_METADATA_BYTES);
    expect(expectError(await mint({ externalUserId: 'user_euro', metadata: euros }), 400, 'invalid_request_error').param).toBe('metadata');
  });
});
