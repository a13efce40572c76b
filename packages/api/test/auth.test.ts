import { randomBytes } from 'node:crypto';
import { SignJWT, decodeJwt } from 'jose';
import type { JWTPayload } from 'jose';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { client, expectError } from './support/http';

const signingSecret = randomBytes(32);
const signingKey = { kid: 'kid_test', secret: signingSecret.toString('base64') };
const keys = generateMerchantKeys();
let server: ApiServer;
let api: ReturnType<typeof client>;
let claims: JWTPayload;
let realToken: string;

beforeAll(async () => {
  server = await startApiServer({ port: 0, keys, signingKeys: [signingKey] });
  api = client(server.url);
  const minted = await api('POST', '/v1/session-tokens', { key: keys.secretKey, body: { externalUserId: 'user_auth' } });
  realToken = minted.body.sessionToken;
  claims = decodeJwt(realToken);
});
afterAll(() => server.close());

interface Craft {
  payload?: JWTPayload;
  alg?: string;
  kid?: string;
  key?: Uint8Array;
}

function craft({ payload = claims, alg = 'HS256', kid = signingKey.kid, key = signingSecret }: Craft = {}) {
  return new SignJWT(payload).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(key);
}

const now = () => Math.floor(Date.now() / 1000);
const me = (token: string) => api('GET', '/v1/me', { key: token });

describe('session tokens are verified strictly', () => {
  test('a token crafted with the right key and claims is accepted (the control)', async () => {
    expect((await me(await craft())).status).toBe(200);
  });

  test('401 for a tampered payload', async () => {
    const [header, , signature] = realToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone_else' })).toString('base64url');
    expectError(await me(`${header}.${forged}.${signature}`), 401, 'authentication_error', 'invalid_session_token');
  });

  test('401 for an expired token, beyond the clock leeway', async () => {
    const token = await craft({ payload: { ...claims, iat: now() - 120, exp: now() - 30 } });
    expectError(await me(token), 401, 'authentication_error', 'session_token_expired');
  });

  test('a token expired by less than the leeway still works', async () => {
    expect((await me(await craft({ payload: { ...claims, exp: now() - 2 } }))).status).toBe(200);
  });

  test('401 for an unknown kid', async () => {
    expectError(await me(await craft({ kid: 'kid_rotated_out' })), 401, 'authentication_error', 'unknown_signing_key');
  });

  test('401 for alg "none"', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: signingKey.kid })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expectError(await me(`${header}.${body}.`), 401, 'authentication_error', 'invalid_session_token');
  });

  test('401 for another HMAC algorithm with the same key (algorithm pinned)', async () => {
    expectError(await me(await craft({ alg: 'HS512' })), 401, 'authentication_error', 'invalid_session_token');
  });

  test('401 for the wrong audience and the wrong issuer', async () => {
    expectError(await me(await craft({ payload: { ...claims, aud: 'someone-else' } })), 401, 'authentication_error', 'invalid_session_token');
    expectError(await me(await craft({ payload: { ...claims, iss: 'https://evil.example' } })), 401, 'authentication_error', 'invalid_session_token');
  });

  test('401 for HS256 signed with another key under the real kid', async () => {
    expectError(await me(await craft({ key: randomBytes(32) })), 401, 'authentication_error', 'invalid_session_token');
  });

  test('401 for a well-signed token missing BillingOS claims', async () => {
    const { customer: _customer, ...rest } = claims;
    expectError(await me(await craft({ payload: rest })), 401, 'authentication_error', 'invalid_session_token');
  });

  test('401 for garbage, a non-Bearer scheme, an unknown API key and no header', async () => {
    expectError(await me('not-a-token'), 401, 'authentication_error', 'invalid_session_token');
    expectError(await me('sk_test_doesnotexist0000000000'), 401, 'authentication_error', 'invalid_api_key');
    expectError(await api('GET', '/v1/me', { headers: { Authorization: `Basic ${keys.secretKey}` } }), 401, 'authentication_error', 'malformed_authorization');
    expectError(await api('GET', '/v1/me'), 401, 'authentication_error', 'missing_credential');
  });

  test('403 for an operation outside the token scope', async () => {
    const token = await craft({ payload: { ...claims, operations: ['read_subscription'] } });
    const error = expectError(await me(token), 403, 'permission_error', 'operation_not_allowed');
    expect(error.message).toContain('read_customer');
  });
});

describe('each credential kind does exactly what it may', () => {
  test('a session token cannot use secret-key routes', async () => {
    expectError(await api('GET', '/v1/customers', { key: realToken }), 403, 'permission_error', 'session_token_not_allowed');
  });

  test('a secret key cannot use the /v1/me view', async () => {
    expectError(await api('GET', '/v1/me', { key: keys.secretKey }), 403, 'permission_error', 'secret_key_not_allowed');
  });

  test('a publishable key reads /v1/me for the customer named in BillingOS-Customer, by id or external id', async () => {
    const byExternal = await api('GET', '/v1/me', { key: keys.publishableKey, headers: { 'BillingOS-Customer': 'user_auth' } });
    expect(byExternal.body).toMatchObject({ id: claims.customer, externalUserId: 'user_auth' });
    const byId = await api('GET', '/v1/me', { key: keys.publishableKey, headers: { 'BillingOS-Customer': String(claims.customer) } });
    expect(byId.body.id).toBe(claims.customer);
  });

  test('in live mode the publishable-key view is off by default: pk_live_ and a guessable header read nothing', async () => {
    const live = await api('POST', '/v1/customers', { key: keys.liveSecretKey, body: { externalUserId: 'live_user', email: 'live@example.com' } });
    expect(live.status).toBe(201);
    for (const named of ['live_user', String(live.body.id)]) {
      for (const path of ['/v1/me', '/v1/me/entitlements', '/v1/me/subscriptions']) {
        const refused = expectError(await api('GET', path, { key: keys.livePublishableKey, headers: { 'BillingOS-Customer': named } }), 403, 'permission_error', 'legacy_view_disabled');
        expect(refused.message).toMatch(/live mode.*session token/);
        expect(JSON.stringify(refused)).not.toContain('live@example.com');
      }
    }
  });

  test('a publishable key without BillingOS-Customer is a 400, an unknown customer a 404', async () => {
    const missing = expectError(await api('GET', '/v1/me', { key: keys.publishableKey }), 400, 'invalid_request_error', 'parameter_missing');
    expect(missing.param).toBe('BillingOS-Customer');
    expectError(await api('GET', '/v1/me', { key: keys.publishableKey, headers: { 'BillingOS-Customer': 'nobody' } }), 404, 'not_found_error');
  });

  test('a publishable key cannot read or write customers', async () => {
    expectError(await api('GET', '/v1/customers', { key: keys.publishableKey }), 403, 'permission_error', 'publishable_key_not_allowed');
    expectError(await api('POST', '/v1/customers', { key: keys.publishableKey, body: { externalUserId: 'x' } }), 403, 'permission_error');
  });
});
