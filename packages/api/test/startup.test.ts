import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { parseRateLimit } from '../src/bootstrap/parse-rate-limit';
import { readServerEnv } from '../src/bootstrap/server-env';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { parseSigningKeys } from '../src/session-tokens/signing-keyring';
import { client, expectError } from './support/http';

const keys = generateMerchantKeys();
const signing = `kid_env:${randomBytes(32).toString('base64')}`;
const env = {
  PORT: '0',
  BILLINGOS_SECRET_KEY: keys.secretKey,
  BILLINGOS_PUBLISHABLE_KEY: keys.publishableKey,
  BILLINGOS_WEBHOOK_SECRET: keys.webhookSecret,
  BILLINGOS_SIGNING_KEYS: signing,
  BILLINGOS_RATE_LIMIT: '50/10',
  BILLINGOS_LEGACY_PUBLISHABLE_VIEW: 'false',
};
let server: ApiServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  const { dataDir: _inMemoryForTests, ...options } = readServerEnv(env, '/unused');
  server = await startApiServer(options);
  api = client(server.url);
});
afterAll(() => server.close());

describe('start-up from the environment', () => {
  test('uses the keys it was given and generates only the missing ones', async () => {
    expect(Object.keys(server.generatedKeys).sort()).toEqual(['livePublishableKey', 'liveSecretKey']);
    expect(server.webhookSecret).toBe(keys.webhookSecret);
    expect((await api('GET', '/v1/customers', { key: keys.secretKey })).status).toBe(200);
    expect((await api('GET', '/v1/customers', { key: server.generatedKeys.liveSecretKey! })).status).toBe(200);
  });

  test('signs session tokens with BILLINGOS_SIGNING_KEYS', async () => {
    const minted = await api('POST', '/v1/session-tokens', { key: keys.secretKey, body: { externalUserId: 'env_user' } });
    expect(decodeProtectedHeader(minted.body.sessionToken).kid).toBe('kid_env');
  });

  test('BILLINGOS_LEGACY_PUBLISHABLE_VIEW=false turns the publishable /v1/me view off', async () => {
    await api('POST', '/v1/session-tokens', { key: keys.secretKey, body: { externalUserId: 'legacy_user' } });
    const response = await api('GET', '/v1/me', { key: keys.publishableKey, headers: { 'BillingOS-Customer': 'legacy_user' } });
    expectError(response, 403, 'permission_error', 'legacy_view_disabled');
  });

  test('legacyPublishableView: true turns the view on in live mode too, by name; "test" (the default) keeps it off there', async () => {
    const liveKeys = generateMerchantKeys();
    const open = async (legacyPublishableView: true | 'test') => {
      const started = await startApiServer({ port: 0, keys: liveKeys, legacyPublishableView });
      const live = client(started.url);
      await live('POST', '/v1/session-tokens', { key: liveKeys.liveSecretKey, body: { externalUserId: 'live_legacy' } });
      const response = await live('GET', '/v1/me', { key: liveKeys.livePublishableKey, headers: { 'BillingOS-Customer': 'live_legacy' } });
      await started.close();
      return response;
    };
    expect((await open(true)).body).toMatchObject({ externalUserId: 'live_legacy' });
    expectError(await open('test'), 403, 'permission_error', 'legacy_view_disabled');
  });

  test('BILLINGOS_RATE_LIMIT sets the limit', async () => {
    const response = await api('GET', '/health');
    expect(response.headers.get('ratelimit-limit')).toBe('50');
  });
});

describe('configuration parsing says what to fix', () => {
  test('rate limit formats', () => {
    expect(parseRateLimit('600')).toEqual({ max: 600, windowMs: 60_000 });
    expect(parseRateLimit('100/10')).toEqual({ max: 100, windowMs: 10_000 });
    expect(() => parseRateLimit('lots')).toThrow('BILLINGOS_RATE_LIMIT must look like');
  });

  test('boolean variables are strict: any spelling of false turns off, an unknown value stops start-up naming the variable', () => {
    for (const value of ['false', 'FALSE', '0', 'no', 'off', ' No ']) {
      expect(readServerEnv({ BILLINGOS_LEGACY_PUBLISHABLE_VIEW: value }, '/data').legacyPublishableView).toBe(false);
    }
    for (const value of ['true', 'TRUE', '1', 'yes', 'on']) {
      expect(readServerEnv({ BILLINGOS_LEGACY_PUBLISHABLE_VIEW: value }, '/data').legacyPublishableView).toBe(true);
    }
    expect(readServerEnv({ BILLINGOS_LEGACY_PUBLISHABLE_VIEW: '' }, '/data').legacyPublishableView).toBeUndefined();
    expect(readServerEnv({ BILLINGOS_LEGACY_PUBLISHABLE_VIEW: 'Test' }, '/data').legacyPublishableView).toBe('test');
    expect(() => readServerEnv({ BILLINGOS_LEGACY_PUBLISHABLE_VIEW: 'disabled' }, '/data')).toThrow(
      'BILLINGOS_LEGACY_PUBLISHABLE_VIEW must be test (test mode only), true (live mode too) or false, got "disabled".',
    );
  });

  test('signing keys', () => {
    expect(parseSigningKeys('a:AAAA, b:BBBB')).toEqual([
      { kid: 'a', secret: 'AAAA' },
      { kid: 'b', secret: 'BBBB' },
    ]);
    expect(() => parseSigningKeys('nocolon')).toThrow('kid:base64secret');
  });

  test('a short signing key, a wrong key prefix and a bad DATABASE_URL are refused at start', async () => {
    await expect(startApiServer({ port: 0, signingKeys: [{ kid: 'k', secret: 'c2hvcnQ=' }] })).rejects.toThrow('at least 32');
    await expect(startApiServer({ port: 0, keys: { secretKey: 'pk_test_0123456789abcdef0123' } })).rejects.toThrow('must start with "sk_test_"');
    await expect(startApiServer({ port: 0, databaseUrl: 'mysql://x' })).rejects.toThrow('postgres://');
  });

  test('readServerEnv defaults to PGlite under the given data folder, and DATABASE_URL switches to PostgreSQL', () => {
    expect(readServerEnv({}, '/data')).toMatchObject({ port: 3001, host: '127.0.0.1', dataDir: '/data', keys: {} });
    const options = readServerEnv({ DATABASE_URL: 'postgres://db/x', PORT: '8080' }, '/data');
    expect(options).toMatchObject({ port: 8080, databaseUrl: 'postgres://db/x' });
    expect(options.dataDir).toBeUndefined();
    expect(() => readServerEnv({ PORT: 'http' }, '/data')).toThrow('PORT must be');
  });
});

describe('listening', () => {
  test('a port in use fails start-up with EADDRINUSE and leaves nothing running', async () => {
    const port = Number(new URL(server.url).port);
    await expect(startApiServer({ port, keys: generateMerchantKeys() })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect((await api('GET', '/health')).status).toBe(200);
  });
});
