/**
 * Property-based fuzzing of session-token verification over real HTTP (fast-check): whatever a
 * client puts in `Authorization` — arbitrary strings, JWT-shaped strings, and every kind of
 * mutation of a real minted token — `GET /v1/me` answers 401 `authentication_error` with the
 * error envelope and its request id: never 200, never 5xx.
 *
 * Runs vary locally and in `npm run test:fuzz`; CI replays one seed (test-utils/fuzz-seed.ts). A failure prints its seed and counterexample.
 */
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import fc from 'fast-check';
import { configureFuzzing } from '../../../test-utils/fuzz-seed';
import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';

configureFuzzing();

jest.setTimeout(120_000);

/** High enough that the ~2 000 refused credentials of this file never meet the per-address limit of 401s. */
const RATE_LIMIT = { max: 1_000_000, windowMs: 60_000 };
const ALL_OPERATIONS = ['read_customer', 'read_subscription', 'read_entitlements', 'manage_subscription'];

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** node:http, not fetch: the header goes out byte for byte (fetch refuses or rewrites some values). */
function get(baseUrl: string, path: string, headers: Record<string, string>): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path, method: 'GET', headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** What Node lets into a header value: the UTF-8 bytes of `text`, as latin1, minus CTLs other than tab. */
function headerSafe(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
}

const b64url = (data: string | Uint8Array) => Buffer.from(data).toString('base64url');
const json64 = (value: unknown) => b64url(JSON.stringify(value));

/** 401 authentication_error, the full envelope, and the request id of the response. */
function expectUnauthenticated(response: RawResponse, sent: string): string {
  const where = `Authorization ${JSON.stringify(sent.slice(0, 300))}${sent.length > 300 ? `… (${sent.length} chars)` : ''}`;
  if (response.status !== 401) throw new Error(`${where}: expected 401, got ${response.status} ${response.text.slice(0, 300)}`);
  let body: { error?: Record<string, unknown> };
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new Error(`${where}: 401 without a JSON body: ${response.text.slice(0, 200)}`);
  }
  const error = body.error ?? {};
  const requestId = response.headers['request-id'];
  if (error.type !== 'authentication_error') throw new Error(`${where}: type ${String(error.type)}`);
  if (typeof error.code !== 'string' || error.code === '') throw new Error(`${where}: no code`);
  if (typeof error.message !== 'string' || error.message === '') throw new Error(`${where}: no message`);
  if (typeof requestId !== 'string' || !/^req_/.test(requestId) || error.requestId !== requestId) {
    throw new Error(`${where}: requestId ${String(error.requestId)} vs header ${String(requestId)}`);
  }
  const extra = Object.keys(body).filter((key) => key !== 'error');
  if (extra.length > 0) throw new Error(`${where}: unexpected top-level keys ${extra.join(', ')}`);
  return error.code;
}

async function mint(baseUrl: string, secretKey: string, externalUserId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/session-tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ externalUserId, allowedOperations: ALL_OPERATIONS, ...extra }),
  });
  const body = (await response.json()) as { sessionToken?: string };
  if (response.status !== 201 || !body.sessionToken) throw new Error(`mint failed: ${response.status} ${JSON.stringify(body)}`);
  return body.sessionToken;
}

interface Token {
  raw: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  segments: [string, string, string];
}

function parseToken(raw: string): Token {
  const [h, p, s] = raw.split('.') as [string, string, string];
  return { raw, segments: [h, p, s], header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()) };
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.
// ---------------------------------------------------------------------------------------------

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const tokenChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...BASE64URL) },
  { weight: 3, arbitrary: fc.constantFrom('.', '=', '+', '/', ' ', '\t', '%', '"', '{', '}', ',', ':') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
);
/** A base64url-ish segment, sometimes garbage. */
const segment = fc.oneof(
  fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength: 120 }),
  fc.uint8Array({ maxLength: 96 }).map(b64url),
  fc.jsonValue({ maxDepth: 3 }).map((value) => json64(value)),
  fc.string({ unit: tokenChar, maxLength: 40 }),
);

/** Anything a client may send after "Bearer ". */
const bearer = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: tokenChar, maxLength: 200 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 2, arbitrary: fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')) },
  { weight: 2, arbitrary: fc.stringMatching(/^(sk|pk)_(test|live)_[A-Za-z0-9_-]{0,48}$/) },
  { weight: 1, arbitrary: fc.constantFrom('', '.', '..', '...', 'null', 'undefined', 'eyJ', 'eyJhbGciOiJub25lIn0..', 'sk_', 'pk_test_', 'whsec_abc') },
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: tokenChar, minLength: 1, maxLength: 8 }), fc.integer({ min: 500, max: 7_000 })).map(([chunk, n]) => chunk.repeat(n).slice(0, 7_000)) },
);
/** The scheme part, spelled right and wrong. */
const scheme = fc.constantFrom('Bearer ', 'bearer ', 'BEARER ', 'Bearer  ', 'Bearer\t', 'Basic ', 'Token ', '', 'Bearer', 'Bearer ,', ' Bearer ');

// ---------------------------------------------------------------------------------------------
// The server every property talks to.
// ---------------------------------------------------------------------------------------------

let server: TestServer;
let real: Token;
let orgToken: Token;

/** The second server (last describe): the same API started with a signing key this file knows. */
const signingSecret = randomBytes(32);
const kid = 'kid_fuzz';
const keyedKeys = generateMerchantKeys();
let keyed: ApiServer;

beforeAll(async () => {
  // Started together: PGlite's start-up dominates this file's run time.
  const [started, startedKeyed] = await Promise.allSettled([
    startTestServer({ rateLimit: RATE_LIMIT }),
    startApiServer({ port: 0, keys: keyedKeys, signingKeys: [{ kid, secret: signingSecret.toString('base64') }], rateLimit: RATE_LIMIT }),
  ]);
  // Keep whichever started, so afterAll closes it even when the other failed.
  if (started.status === 'fulfilled') server = started.value;
  if (startedKeyed.status === 'fulfilled') keyed = startedKeyed.value;
  if (started.status === 'rejected') throw started.reason;
  if (startedKeyed.status === 'rejected') throw startedKeyed.reason;
  real = parseToken(await mint(server.url, server.secretKey, 'fuzz_user'));
  orgToken = parseToken(await mint(server.url, server.secretKey, 'fuzz_member', { externalOrganizationId: 'fuzz_org' }));
});
afterAll(async () => {
  agent.destroy();
  await Promise.all([server?.close(), keyed?.close()]);
});

const me = (authorization: string) => get(server.url, '/v1/me', authorization === '' ? {} : { Authorization: authorization });

async function expect401(authorization: string): Promise<string> {
  // Under Node's 16 KiB header limit (over it is a 431, tested in http.test.ts): one latin1 character is one byte.
  const safe = headerSafe(authorization).slice(0, 12_000);
  return expectUnauthenticated(await me(safe), safe);
}

test('the controls: the minted tokens are accepted (so each 401 below is the mutation’s doing)', async () => {
  expect((await me(`Bearer ${real.raw}`)).status).toBe(200);
  expect((await me(`Bearer ${orgToken.raw}`)).status).toBe(200);
  expect(real.header).toMatchObject({ alg: 'HS256', kid: expect.any(String) });
});

describe('arbitrary credentials', () => {
  test('arbitrary Authorization values (any scheme spelling × any bearer string) → 401', async () => {
    await fc.assert(
      fc.asyncProperty(scheme, bearer, async (prefix, credential) => {
        await expect401(`${prefix}${credential}`);
      }),
      { numRuns: 300 },
    );
  });

  test('JWT-shaped strings: random protected headers (alg, kid — also the real kid —, crit, b64, jwk…), payloads and signatures → 401', async () => {
    const headerArb = fc
      .record(
        {
          alg: fc.oneof(fc.constantFrom('HS256', 'none', 'None', 'NONE', 'HS384', 'HS512', 'RS256', 'ES256', 'PS256', 'EdDSA', 'hs256', 'HS256 ', ''), fc.jsonValue({ maxDepth: 1 })),
          typ: fc.oneof(fc.constantFrom('JWT', 'at+jwt', ''), fc.jsonValue({ maxDepth: 1 })),
          kid: fc.oneof(fc.constant(real.header.kid), fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })),
          crit: fc.oneof(fc.constant(['b64']), fc.array(fc.string(), { maxLength: 2 }), fc.jsonValue({ maxDepth: 1 })),
          b64: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 })),
          jwk: fc.record({ kty: fc.constantFrom('oct', 'RSA'), k: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(b64url) }),
          jku: fc.constant('https://attacker.example/jwks.json'),
        },
        { requiredKeys: [] },
      )
      .chain((header) => fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }).map((extra) => ({ ...extra, ...header })));
    const now = Math.floor(Date.now() / 1000);
    const payloadArb = fc.oneof(
      // Claims that look right (a forger would copy a real token's shape).
      fc.record({
        iss: fc.constantFrom(real.payload.iss, 'https://evil.example'),
        aud: fc.constantFrom(real.payload.aud, ['billingos:session'], 'other'),
        sub: fc.string({ maxLength: 20 }),
        iat: fc.integer({ min: now - 100_000, max: now + 100_000 }),
        exp: fc.oneof(fc.integer({ min: now - 100_000, max: now + 100_000 }), fc.constant(2 ** 53), fc.jsonValue({ maxDepth: 0 })),
        jti: fc.uuid(),
        merchant: fc.constantFrom(real.payload.merchant, 'mer_other'),
        customer: fc.constantFrom(real.payload.customer, 'cus_other'),
        operations: fc.subarray(ALL_OPERATIONS),
        mode: fc.constantFrom('test', 'live', 'god'),
      }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const signatureArb = fc.oneof(
      fc.constant(''),
      fc.constant(real.segments[2]),
      fc.uint8Array({ minLength: 0, maxLength: 80 }).map(b64url),
      fc.string({ unit: tokenChar, maxLength: 60 }),
    );
    await fc.assert(
      fc.asyncProperty(
        headerArb,
        payloadArb,
        signatureArb,
        fc.boolean(),
        fc.constantFrom(3, 3, 3, 2, 4),
        async (header, payload, signature, signWithRandomKey, parts) => {
          const signingInput = `${json64(header)}.${json64(payload)}`;
          // A well-formed HS256 signature, with a key that is not the API's.
          const sig = signWithRandomKey ? createHmac('sha256', randomBytes(32)).update(signingInput).digest('base64url') : signature;
          const token = parts === 2 ? signingInput : parts === 3 ? `${signingInput}.${sig}` : `${signingInput}.${sig}.${sig}`;
          await expect401(`Bearer ${token}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('mutations of a real minted token', () => {
  test('one character of the header, payload or signature text replaced, inserted or deleted → 401', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1, 2, 3),
        fc.constantFrom('replace', 'insert', 'delete'),
        fc.nat(),
        fc.oneof(fc.constantFrom(...BASE64URL), tokenChar),
        fc.boolean(),
        async (which, op, at, char, useOrg) => {
          const token = useOrg ? orgToken : real;
          // 0–2: one segment; 3: the whole token text (dots included).
          const text = which === 3 ? token.raw : token.segments[which]!;
          const i = at % (text.length + (op === 'insert' ? 1 : 0));
          const mutated = op === 'replace' ? text.slice(0, i) + char + text.slice(i + 1) : op === 'insert' ? text.slice(0, i) + char + text.slice(i) : text.slice(0, i) + text.slice(i + 1);
          const segments = [...token.segments];
          if (which < 3) segments[which] = mutated;
          // What the server receives: the header as Node sends it, surrounding whitespace dropped (HTTP, not the token).
          const received = headerSafe(which === 3 ? mutated : segments.join('.')).trim();
          fc.pre(received !== token.raw);
          await expect401(`Bearer ${received}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('one bit flipped in the decoded header, payload or signature bytes (re-encoded canonically) → 401', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1, 2), fc.nat(), fc.integer({ min: 0, max: 7 }), async (which, at, bit) => {
        const bytes = Buffer.from(real.segments[which]!, 'base64url');
        bytes[at % bytes.length]! ^= 1 << bit;
        const segments = [...real.segments];
        segments[which] = bytes.toString('base64url');
        await expect401(`Bearer ${segments.join('.')}`);
      }),
      { numRuns: 200 },
    );
  });

  test('re-encoded header: kid swapped, alg none/HS384/HS512/RS256/ES256…, crit/b64/jwk added — with the original, empty or a random signature → 401', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            alg: fc.constantFrom('none', 'None', 'HS384', 'HS512', 'RS256', 'ES256', 'PS256', 'EdDSA', 'hs256', 'HS256'),
            kid: fc.oneof(fc.string({ maxLength: 24 }), fc.constantFrom(undefined, null, 0, [String(real.header.kid)], `${String(real.header.kid)} `, String(real.header.kid).toUpperCase())),
            crit: fc.constantFrom(['b64'], ['exp'], ['x-unknown']),
            b64: fc.boolean(),
            jwk: fc.constant({ kty: 'oct', k: b64url(randomBytes(32)) }),
          },
          { requiredKeys: ['alg'] },
        ),
        fc.constantFrom('original', 'empty', 'missing', 'random'),
        async (changes, signatureChoice) => {
          const header: Record<string, unknown> = { ...real.header, ...changes };
          // Only the original header keeps the original signature valid; make sure something really changed.
          fc.pre(JSON.stringify(header) !== JSON.stringify(real.header));
          const signature = signatureChoice === 'original' ? real.segments[2] : signatureChoice === 'random' ? b64url(randomBytes(32)) : '';
          const token = signatureChoice === 'missing' ? `${json64(header)}.${real.segments[1]}` : `${json64(header)}.${real.segments[1]}.${signature}`;
          await expect401(`Bearer ${token}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('re-encoded payload: sub, customer, merchant, organization, exp, mode, operations, iss or aud changed, keeping the original signature → 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            sub: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('fuzz_member')),
            customer: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(orgToken.payload.customer)),
            merchant: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('mer_other')),
            organization: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('fuzz_org')),
            exp: fc.oneof(fc.integer({ min: now + 1, max: now + 10 ** 9 }), fc.constant(null)),
            mode: fc.constantFrom('live', 'test', 'admin'),
            operations: fc.subarray([...ALL_OPERATIONS, 'admin']),
            iss: fc.string({ maxLength: 20 }),
            aud: fc.string({ maxLength: 20 }),
            metadata: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom(' ', '\n', ''),
        async (changes, space) => {
          const payload = { ...real.payload, ...changes };
          const encoded = b64url(JSON.stringify(payload, null, space));
          fc.pre(encoded !== real.segments[1]);
          await expect401(`Bearer ${real.segments[0]}.${encoded}.${real.segments[2]}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('unsigned and truncated forms of the real token → 401', async () => {
    const [h, p, s] = real.segments;
    const none = json64({ ...real.header, alg: 'none' });
    const forms = [`${h}.${p}.`, `${h}.${p}`, `${h}..${s}`, `.${p}.${s}`, `${none}.${p}.`, `${none}.${p}`, `${h}.${p}.${s}.`, `${h}.${p}.${s}.${s}`, `${h}.${p}.${s.slice(0, 42)}`, `${p}.${h}.${s}`, `${h}.${p}.${s} x`, `${h}.${p}.${s},${s}`];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...forms), scheme.filter((prefix) => /^bearer[ \t]+$/i.test(prefix)), async (token, prefix) => {
        await expect401(`${prefix}${token}`);
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// With the API's own signing key known (a second server, started with it): signatures that are
// cryptographically right but must still be refused — algorithm confusion, wrong claims.
// ---------------------------------------------------------------------------------------------

describe('correctly signed with the real key, but still not acceptable', () => {
  let claims: Record<string, unknown>;

  beforeAll(async () => {
    claims = parseToken(await mint(keyed.url, keyedKeys.secretKey, 'fuzz_keyed')).payload;
  });

  function sign(header: Record<string, unknown>, payload: unknown, hash: 'sha256' | 'sha384' | 'sha512' = 'sha256'): string {
    const input = `${json64(header)}.${json64(payload)}`;
    return `${input}.${createHmac(hash, signingSecret).update(input).digest('base64url')}`;
  }

  test('the control: a token signed here with HS256 and the minted claims is accepted', async () => {
    const response = await get(keyed.url, '/v1/me', { Authorization: `Bearer ${sign({ alg: 'HS256', typ: 'JWT', kid }, claims)}` });
    expect(response.status).toBe(200);
  });

  test('algorithm confusion and header tricks with a valid MAC → 401', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ alg: fc.constantFrom('HS384' as const, 'HS512' as const), hash: fc.constantFrom('sha384' as const, 'sha512' as const) }),
          fc.record({ alg: fc.constantFrom('none', 'RS256', 'ES256', 'PS256', 'hs256', 'HS256\u0000'), hash: fc.constant('sha256' as const) }),
          fc.record({ alg: fc.constant('HS256'), hash: fc.constantFrom('sha384' as const, 'sha512' as const) }),
        ),
        fc.constantFrom<Record<string, unknown>>({}, { crit: ['x-unknown'], 'x-unknown': 1 }, { b64: false, crit: ['b64'] }, { kid: 'kid_other' }, { kid: undefined }),
        async ({ alg, hash }, extra) => {
          const header = { alg, typ: 'JWT', kid, ...extra };
          await expectUnauthenticatedAt(keyed.url, sign(header, claims, hash));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('claims the API did not issue or that are no longer valid, with a valid HS256 MAC → 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ exp: fc.integer({ min: now - 10 ** 8, max: now - 30 }) }),
          fc.record({ nbf: fc.integer({ min: now + 60, max: now + 10 ** 8 }) }),
          fc.record({ iss: fc.string({ maxLength: 30 }).filter((iss) => iss !== claims.iss) }),
          fc.record({ aud: fc.oneof(fc.string({ maxLength: 30 }).filter((aud) => aud !== claims.aud), fc.constant([])) }),
          fc.record({ exp: fc.oneof(fc.string(), fc.constant(null), fc.constant(Number.MAX_VALUE.toString())) }),
          fc.record({ iat: fc.oneof(fc.string(), fc.constant(null)) }),
          fc.record({ mode: fc.string().filter((mode) => mode !== 'test' && mode !== 'live') }),
          fc.record({ operations: fc.oneof(fc.constant('read_customer'), fc.array(fc.string().filter((op) => !ALL_OPERATIONS.includes(op)), { minLength: 1, maxLength: 2 })) }),
          fc.constantFrom('exp', 'iat', 'sub', 'jti', 'merchant', 'customer', 'operations', 'mode').map((missing) => ({ [missing]: undefined })),
        ),
        async (changes) => {
          await expectUnauthenticatedAt(keyed.url, sign({ alg: 'HS256', typ: 'JWT', kid }, { ...claims, ...changes }));
        },
      ),
      { numRuns: 150 },
    );
  });
});

async function expectUnauthenticatedAt(baseUrl: string, token: string): Promise<void> {
  const authorization = `Bearer ${token}`;
  expectUnauthenticated(await get(baseUrl, '/v1/me', { Authorization: headerSafe(authorization) }), authorization);
}
