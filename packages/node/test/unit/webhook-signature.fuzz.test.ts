/**
 * Property-based fuzzing of webhook verification (fast-check): whatever arrives in the
 * signature headers and the body, every public entry point either answers "no" (`false`) or
 * throws the SDK's own `WebhookVerificationError` — never a TypeError/RangeError — and no
 * single change to a validly signed delivery (body, timestamp, signature, webhook-id, secret)
 * is accepted, while every valid delivery within the tolerance is.
 *
 * Runs vary locally and in `npm run test:fuzz`; CI replays one seed (test-utils/fuzz-seed.ts). A failure prints its seed and counterexample,
 * replay it with `fc.assert(…, { seed, path })`.
 */
import { BillingOS, SubtleCryptoProvider, WebhookVerificationError, Webhooks, isBillingOSError } from '@billingos/node';
import type { VerifyOptions } from '@billingos/node';
import fc from 'fast-check';
import { configureFuzzing } from '../../../../test-utils/fuzz-seed';
import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

configureFuzzing();

const rawKey = randomBytes(32);
const secret = `whsec_${rawKey.toString('base64')}`;
const TOLERANCE = 300;
/** Keeps generated "fresh" timestamps clear of the tolerance edge while a property runs. */
const MARGIN = 30;
const nowSeconds = () => Math.floor(Date.now() / 1000);

const billing = new BillingOS({ secretKey: 'sk_test_0123456789abcdef', webhookSecret: secret });
const nodeWebhooks = new Webhooks({ secret });
const edgeWebhooks = new Webhooks({ secret, cryptoProvider: new SubtleCryptoProvider() });

const OWN_CODES = [
  'missing_signature_header',
  'malformed_signature_header',
  'signature_mismatch',
  'timestamp_outside_tolerance',
  'invalid_payload',
  'parsed_body',
];

// ---------------------------------------------------------------------------------------------
// The five public ways to verify, normalised to one outcome.
// ---------------------------------------------------------------------------------------------

type Outcome = { accepted: true; event: unknown } | { accepted: false; code: string | undefined };

interface Surface {
  name: string;
  /** Whether the surface takes `VerifyOptions` (`billing.verifyWebhook` does not). */
  options: boolean;
  run(body: unknown, headers: unknown, options?: VerifyOptions): Promise<Outcome>;
}

/** Anything thrown must be the SDK's own typed error with a known code; anything else fails the property. */
function ownError(error: unknown, where: string): string {
  if (!(error instanceof WebhookVerificationError) || !isBillingOSError(error, 'webhook_verification_error')) {
    const name = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
    throw new Error(`${where} let a foreign error escape: ${name}`);
  }
  const code = error.code ?? '';
  if (!OWN_CODES.includes(code)) throw new Error(`${where} threw an unknown code "${code}"`);
  return code;
}

function syncSurface(name: string, call: (body: never, headers: never, options: VerifyOptions) => unknown, verifies: boolean): Surface {
  return {
    name,
    options: true,
    async run(body, headers, options = {}) {
      let result: unknown;
      try {
        result = call(body as never, headers as never, options);
      } catch (error) {
        const code = ownError(error, name);
        // verify() answers false for every bad delivery and throws only for a caller's mistake (a parsed body).
        if (verifies && code !== 'parsed_body') throw new Error(`${name} threw "${code}" instead of answering false`);
        return { accepted: false, code };
      }
      if (!verifies) return { accepted: true, event: result };
      if (typeof result !== 'boolean') throw new Error(`${name} returned ${typeof result}, not a boolean`);
      return result ? { accepted: true, event: undefined } : { accepted: false, code: undefined };
    },
  };
}

function asyncSurface(name: string, call: (body: never, headers: never, options: VerifyOptions) => Promise<unknown>): Surface {
  return {
    name,
    options: true,
    async run(body, headers, options = {}) {
      let pending: Promise<unknown>;
      try {
        pending = call(body as never, headers as never, options);
      } catch (error) {
        throw new Error(`${name} threw synchronously instead of rejecting: ${String(error)}`);
      }
      if (!(pending instanceof Promise)) throw new Error(`${name} did not return a promise`);
      try {
        return { accepted: true, event: await pending };
      } catch (error) {
        return { accepted: false, code: ownError(error, name) };
      }
    },
  };
}

const billingInstances = new Map<string, BillingOS>([[secret, billing]]);
/** `billing.verifyWebhook` has no per-call secret: a mutated secret gets its own instance. */
function billingWith(otherSecret: string | undefined): BillingOS {
  const key = otherSecret ?? secret;
  let instance = billingInstances.get(key);
  if (!instance) {
    instance = new BillingOS({ secretKey: 'sk_test_0123456789abcdef', webhookSecret: key });
    if (billingInstances.size < 64) billingInstances.set(key, instance);
  }
  return instance;
}

const billingSurface: Surface = {
  name: 'billing.verifyWebhook (sync, node:crypto)',
  options: false,
  run(body, headers, options = {}) {
    // No options on this entry point: the real clock, and the secret of the instance.
    const instance = billingWith(options.secret);
    return syncSurface(billingSurface.name, (b, h) => instance.verifyWebhook(b, h), true).run(body, headers);
  },
};

const SURFACES: Surface[] = [
  billingSurface,
  syncSurface('webhooks.verify (sync, node:crypto)', (b, h, o) => nodeWebhooks.verify(b, h, o), true),
  syncSurface('webhooks.constructEvent (sync, node:crypto)', (b, h, o) => nodeWebhooks.constructEvent(b, h, o), false),
  asyncSurface('webhooks.constructEventAsync (node:crypto)', (b, h, o) => nodeWebhooks.constructEventAsync(b, h, o)),
  asyncSurface('webhooks.constructEventAsync (Web Crypto, Edge path)', (b, h, o) => edgeWebhooks.constructEventAsync(b, h, o)),
];

async function runAll(body: unknown, headers: unknown, options?: VerifyOptions): Promise<Array<[string, Outcome]>> {
  const outcomes: Array<[string, Outcome]> = [];
  for (const surface of SURFACES) {
    if (options?.now !== undefined && !surface.options) continue;
    outcomes.push([surface.name, await surface.run(body, headers, options)]);
  }
  return outcomes;
}

/** Rejected by every entry point; `invalid_payload` never counts as a rejection here (it means the signature verified). */
function assertAllRejected(outcomes: Array<[string, Outcome]>, allowedCodes: readonly string[] = OWN_CODES.filter((code) => code !== 'invalid_payload')): void {
  for (const [name, outcome] of outcomes) {
    if (outcome.accepted) throw new Error(`${name} ACCEPTED a delivery it must reject (forgery)`);
    if (outcome.code !== undefined && !allowedCodes.includes(outcome.code)) {
      throw new Error(`${name} rejected with "${outcome.code}", expected one of ${allowedCodes.join(', ')}`);
    }
  }
}

function assertAllAccepted(outcomes: Array<[string, Outcome]>, expected: unknown): void {
  for (const [name, outcome] of outcomes) {
    if (!outcome.accepted) throw new Error(`${name} rejected a valid delivery (${outcome.code ?? 'false'})`);
    if (outcome.event !== undefined) expect(outcome.event).toEqual(expected);
  }
}

// ---------------------------------------------------------------------------------------------
// The reference signer: node:crypto, independent of the SDK.
// ---------------------------------------------------------------------------------------------

function mac(key: Uint8Array, prefix: string, body: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(prefix).update(body).digest();
}

function billingosHeader(body: string | Uint8Array, t: number, key: Uint8Array = rawKey): string {
  return `t=${t},v1=${mac(key, `${t}.`, body).toString('hex')}`;
}

function standardHeaders(body: string | Uint8Array, t: number, id: string, key: Uint8Array = rawKey): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(t), 'webhook-signature': `v1,${mac(key, `${id}.${t}.`, body).toString('base64')}` };
}

const bytesOf = (body: string | Uint8Array): Buffer => (typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body));

// ---------------------------------------------------------------------------------------------
// Arbitraries.
// ---------------------------------------------------------------------------------------------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
/** One "character" biased toward the separators and letters the parsers care about. */
const nastyChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(',', '=', 't', 'v', '1', ' ', '0', 'a', 'F', '.', '-', '+', '/', ';', '\t', '\n', 'v1=', 't=', 'v1,') },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u00a0', '\u2028', '\ufeff', '٣', '１', 'é', '🙂', 'İ') },
);
const junk = fc.string({ unit: nastyChar, maxLength: 40 });
const hexish = fc.oneof(
  fc.stringMatching(/^[0-9a-fA-F]{0,70}$/),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('hex')),
  junk,
);
const timestampText = fc.oneof(
  fc.stringMatching(/^[0-9]{0,20}$/),
  fc.integer({ min: -1000, max: 1000 }).map((offset) => String(nowSeconds() + offset)),
  fc.constantFrom('-1', '1e9', '0x10', 'NaN', 'Infinity', ' 123 ', '1.5', '٣٤٥', '１２３', '9999999999999', '', '+1', '0'),
  junk,
);
const headerPart = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('t', 'v1', 'v0', 'T', 'V1', ' t', 'v1 ', '', 'v2', 'v1=v1', 't=t', '=', 'v11', 'tt'),
      fc.constantFrom('=', '==', '', ' = ', '=v1='),
      fc.oneof(hexish, timestampText),
    )
    .map(([key, eq, value]) => `${key}${eq}${value}`),
  junk,
);
/** `billingos-signature` values: structured near-misses, random unicode and garbage. */
const structuredHeader = fc
  .tuple(fc.array(headerPart, { maxLength: 30 }), fc.constantFrom(',', ', ', ',,', ' ,', ';'))
  .map(([parts, separator]) => parts.join(separator));
/** Well formed and fresh, but signed by nobody. */
const unsignedButWellFormed = fc
  .tuple(fc.integer({ min: -TOLERANCE, max: TOLERANCE }), fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 4 }), fc.array(headerPart, { maxLength: 3 }))
  .map(([offset, signatures, extra]) =>
    [`t=${nowSeconds() + offset}`, ...signatures.map((s) => `v1=${Buffer.from(s).toString('hex')}`), ...extra].join(','),
  );
const unicodeHeader = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: nastyChar, maxLength: 300 }));
const signatureString = fc.oneof(
  { weight: 4, arbitrary: structuredHeader },
  { weight: 2, arbitrary: unsignedButWellFormed },
  { weight: 2, arbitrary: unicodeHeader },
  { weight: 1, arbitrary: junk },
);
/** 10 kB … ~1 MB of repeated separators and `v1=` entries. */
const hugeHeader = fc
  .tuple(
    fc.oneof(headerPart, fc.constantFrom('v1=', ',', '=', 'v1=00,', 't=1,', 'v1=' + 'ab'.repeat(32) + ',', ',=,', 'v1,AAAA ')),
    fc.integer({ min: 1_000, max: 40_000 }),
    fc.oneof(fc.constant(''), unsignedButWellFormed),
  )
  .map(([chunk, times, tail]) => chunk.repeat(times).slice(0, 1_200_000) + tail);

/** `webhook-signature` values: space-separated `v1,<base64>` entries and near-misses. */
const standardSignature = fc
  .array(
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom('v1,', 'v1a,', 'v2,', 'v1', ',', 'v1,,', '', 'V1,', 'v1=', 'v1, '),
          fc.oneof(fc.base64String({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('base64')), junk),
        )
        .map(([prefix, value]) => prefix + value),
      junk,
    ),
    { maxLength: 8 },
  )
  .map((entries) => entries.join(' '));

const headerName = fc.oneof(
  fc.constantFrom(
    'billingos-signature',
    'BillingOS-Signature',
    'BILLINGOS-SIGNATURE',
    'webhook-id',
    'Webhook-Id',
    'webhook-timestamp',
    'WEBHOOK-TIMESTAMP',
    'webhook-signature',
    'Webhook-Signature',
    'content-type',
    '__proto__',
    'constructor',
    'toString',
    'get',
  ),
  junk,
);
const headerValue = fc.oneof(
  signatureString,
  standardSignature,
  timestampText,
  fc.array(fc.oneof(signatureString, standardSignature), { maxLength: 3 }),
  fc.constant(undefined),
);
/** What `IncomingHttpHeaders` (or any plain record) may hold. */
const plainHeaders = fc.oneof(
  fc.dictionary(headerName, headerValue, { maxKeys: 8 }),
  fc.record(
    { 'webhook-id': fc.oneof(junk, fc.constant('msg_1')), 'webhook-timestamp': timestampText, 'webhook-signature': standardSignature },
    { requiredKeys: [] },
  ),
  fc.record({ 'billingos-signature': fc.oneof(signatureString, fc.array(signatureString, { maxLength: 3 })) }),
);

/** A fetch `Headers` with whatever of the record is a legal header (Headers refuses the rest, in the test, not the SDK). */
function toHeaders(record: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      try {
        headers.append(name, item);
      } catch {
        // not a ByteString header: the Headers constructor refuses it, the SDK never sees it
      }
    }
  }
  return headers;
}

/** A minimal `{ get(name) }` object, the third shape HeadersLike allows. */
function toGetter(record: Record<string, string | string[] | undefined>): { get(name: string): string | null } {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(record)) {
    if (value !== undefined) map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
  }
  return { get: (name: string) => map.get(name.toLowerCase()) ?? null };
}

const headersLike = fc.oneof(
  { weight: 3, arbitrary: plainHeaders },
  { weight: 2, arbitrary: plainHeaders.map(toHeaders) },
  { weight: 1, arbitrary: plainHeaders.map(toGetter) },
  // What `req.headers['billingos-signature']` and friends give when something is missing or odd.
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, 0, 42, true, false, Number.NaN, [], ['t=1,v1=00'], new Map()) },
);

const rawBytes = fc.uint8Array({ maxLength: 600 });
/** Raw bodies in every shape `RawBody` allows (string, Uint8Array, Buffer, ArrayBuffer, other views). */
const rawBody = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: nastyChar, maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
  rawBytes,
  rawBytes.map((bytes) => Buffer.from(bytes)),
  rawBytes.map((bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
  rawBytes.map((bytes) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
  rawBytes.map((bytes) => new Uint16Array(bytes.buffer.slice(0, bytes.byteLength - (bytes.byteLength % 2)))),
);
/** Bodies a framework already parsed: a caller mistake, refused with `parsed_body`. */
const parsedBody = fc.oneof(fc.object({ maxDepth: 2 }), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }), fc.constantFrom<unknown>(null, undefined, 0, 1, true, false));

/** JSON bodies (a valid delivery must also parse). */
const jsonBody = fc
  .tuple(
    fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({ id: fc.string(), type: fc.constantFrom('customer.created', 'subscription.updated'), createdAt: fc.constant('2026-01-01T00:00:00.000Z'), data: fc.object({ maxDepth: 2 }) }),
    ),
    fc.constantFrom(0, 2),
    fc.boolean(),
  )
  .map(([value, indent, asBytes]) => {
    const text = JSON.stringify(value, null, indent) ?? 'null';
    return { text, body: asBytes ? Buffer.from(text, 'utf8') : text, value: JSON.parse(text) as unknown };
  });

// ---------------------------------------------------------------------------------------------
// 1. Malformed input: only `false` or WebhookVerificationError, never a foreign error, never accepted.
// ---------------------------------------------------------------------------------------------

describe('malformed signatures and bodies never crash and never verify', () => {
  test('arbitrary billingos-signature strings × arbitrary raw bodies', async () => {
    await fc.assert(
      fc.asyncProperty(signatureString, rawBody, async (signature, body) => {
        assertAllRejected(await runAll(body, signature));
        assertAllRejected(await runAll(body, { 'billingos-signature': signature }));
      }),
      { numRuns: 300 },
    );
  });

  test('huge headers (10 kB – 1.2 MB) of separators, `=` and `v1=` entries', async () => {
    await fc.assert(
      fc.asyncProperty(hugeHeader, fc.oneof(rawBody, jsonBody.map((j) => j.body)), async (signature, body) => {
        assertAllRejected(await runAll(body, signature));
        assertAllRejected(await runAll(body, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(nowSeconds()), 'webhook-signature': signature }));
      }),
      { numRuns: 25 },
    );
  });

  test('arbitrary header objects (plain records, Headers, { get }, missing/odd values) × arbitrary raw bodies', async () => {
    await fc.assert(
      fc.asyncProperty(headersLike, rawBody, async (headers, body) => {
        assertAllRejected(await runAll(body, headers));
      }),
      { numRuns: 300 },
    );
  });

  test('arbitrary Standard Webhooks headers, with the timestamp and body as sent and options varied', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(junk, fc.constant('msg_1')),
        timestampText,
        standardSignature,
        rawBody,
        fc.record({ tolerance: fc.oneof(fc.integer({ min: -10, max: 10_000 }), fc.constantFrom(Number.NaN, Infinity)), now: fc.integer({ min: 0, max: 2 ** 42 }) }, { requiredKeys: [] }),
        async (id, timestamp, signature, body, options) => {
          const headers = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
          assertAllRejected(await runAll(body, headers, options));
          assertAllRejected(await runAll(body, toHeaders(headers), options));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a body that was already parsed is refused with parsed_body on every entry point, whatever the headers', async () => {
    await fc.assert(
      fc.asyncProperty(parsedBody, fc.oneof(signatureString, headersLike), async (body, headers) => {
        for (const [name, outcome] of await runAll(body, headers)) {
          if (outcome.accepted || outcome.code !== 'parsed_body') throw new Error(`${name} did not throw parsed_body`);
        }
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Valid deliveries are accepted; the tolerance is exact.
// ---------------------------------------------------------------------------------------------

const webhookId = fc.oneof(fc.stringMatching(/^msg_[A-Za-z0-9]{1,32}$/), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }).filter((id) => !/[,\s]/.test(id)));
const freshOffset = fc.integer({ min: -(TOLERANCE - MARGIN), max: TOLERANCE - MARGIN });
/** Other (rotated-out) signatures and unknown fields around the valid one. */
const rotationNoise = fc.record({
  before: fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 2 }),
  after: fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 2 }),
  unknown: fc.array(fc.constantFrom('v0=00', 'v2=abcd', 'x=1', 'scheme=v1'), { maxLength: 2 }),
});

describe('valid deliveries verify', () => {
  test('billingos-signature within the tolerance, with rotated signatures and unknown fields around it, in every header shape', async () => {
    await fc.assert(
      fc.asyncProperty(jsonBody, freshOffset, rotationNoise, fc.constantFrom('string', 'record', 'Record-mixed-case', 'Headers'), async (json, offset, noise, shape) => {
        const t = nowSeconds() + offset;
        const valid = billingosHeader(json.body, t).split(',')[1]!;
        const hex = (bytes: Uint8Array) => `v1=${Buffer.from(bytes).toString('hex')}`;
        const value = [`t=${t}`, ...noise.before.map(hex), valid, ...noise.after.map(hex), ...noise.unknown].join(',');
        const headers =
          shape === 'string' ? value : shape === 'record' ? { 'billingos-signature': value } : shape === 'Headers' ? new Headers({ 'BillingOS-Signature': value }) : { 'BillingOS-Signature': value, host: 'x' };
        assertAllAccepted(await runAll(json.body, headers), json.value);
      }),
      { numRuns: 200 },
    );
  });

  test('Standard Webhooks headers within the tolerance (ours and the standardwebhooks package agree)', async () => {
    const sender = new Webhook(secret);
    await fc.assert(
      fc.asyncProperty(jsonBody, freshOffset, webhookId, fc.boolean(), async (json, offset, id, viaPackage) => {
        const t = nowSeconds() + offset;
        const headers = viaPackage
          ? { 'webhook-id': id, 'webhook-timestamp': String(t), 'webhook-signature': sender.sign(id, new Date(t * 1000), json.text) }
          : standardHeaders(json.body, t, id);
        assertAllAccepted(await runAll(json.body, headers), json.value);
        assertAllAccepted(await runAll(json.body, new Headers(headers)), json.value);
        // And what the SDK generates for merchants' tests verifies with the reference package.
        const generated = nodeWebhooks.generateTestHeaders({ payload: json.text, timestamp: t, id });
        expect(sender.verify(json.text, generated)).toEqual(json.value);
        expect(generated['billingos-signature']).toBe(billingosHeader(json.text, t));
      }),
      { numRuns: 200 },
    );
  });

  test('the tolerance is exact: |now − t| ≤ tolerance verifies, one second more is timestamp_outside_tolerance', async () => {
    await fc.assert(
      fc.asyncProperty(
        jsonBody,
        fc.integer({ min: 0, max: 999_999_999_999 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: -2_000_000, max: 2_000_000 }),
        fc.boolean(),
        async (json, t, tolerance, delta, standard) => {
          const headers = standard ? standardHeaders(json.body, t, 'msg_tolerance') : billingosHeader(json.body, t);
          const outcomes = await runAll(json.body, headers, { now: t + delta, tolerance });
          if (Math.abs(delta) <= tolerance) assertAllAccepted(outcomes, json.value);
          else assertAllRejected(outcomes, ['timestamp_outside_tolerance']);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Forgery: any single mutation of a valid delivery is rejected.
// ---------------------------------------------------------------------------------------------

type Mutation =
  | { kind: 'body'; op: 'replace' | 'insert' | 'delete'; at: number; char: string; bit: number }
  | { kind: 'timestamp'; delta: number }
  | { kind: 'signature-bit'; at: number; bit: number }
  | { kind: 'signature-text'; at: number; char: string }
  | { kind: 'signature-length'; cut: number; extra: string }
  | { kind: 'webhook-id'; at: number; char: string }
  | { kind: 'secret'; variant: 'flip' | 'other' | 'truncate' | 'extend'; at: number; bit: number; byte: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('body' as const), op: fc.constantFrom('replace' as const, 'insert' as const, 'delete' as const), at: fc.nat(), char: nastyChar, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('timestamp' as const), delta: fc.integer({ min: -(TOLERANCE - MARGIN), max: TOLERANCE - MARGIN }).filter((d) => d !== 0) }),
  fc.record({ kind: fc.constant('signature-bit' as const), at: fc.integer({ min: 0, max: 31 }), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('signature-text' as const), at: fc.nat(), char: fc.oneof(fc.constantFrom(...'0123456789abcdefABCDEF+/=-_'), nastyChar) }),
  fc.record({ kind: fc.constant('signature-length' as const), cut: fc.integer({ min: 0, max: 8 }), extra: fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9a-f]{1,8}$/), fc.base64String({ minLength: 4, maxLength: 8 })) }).filter(
    (m) => m.cut > 0 || m.extra !== '',
  ),
  fc.record({ kind: fc.constant('webhook-id' as const), at: fc.nat(), char: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) }),
  fc.record({ kind: fc.constant('secret' as const), variant: fc.constantFrom('flip' as const, 'other' as const, 'truncate' as const, 'extend' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }), byte: fc.integer({ min: 1, max: 255 }) }),
);

function mutateBody(body: string | Uint8Array, m: Extract<Mutation, { kind: 'body' }>): string | Uint8Array {
  if (typeof body !== 'string') {
    const copy = Buffer.from(body);
    if (m.op === 'insert') return Buffer.concat([copy.subarray(0, m.at % (copy.length + 1)), Buffer.from([m.bit * 31]), copy.subarray(m.at % (copy.length + 1))]);
    if (copy.length === 0) return Buffer.from([m.bit]);
    if (m.op === 'delete') return Buffer.concat([copy.subarray(0, m.at % copy.length), copy.subarray((m.at % copy.length) + 1)]);
    copy[m.at % copy.length]! ^= 1 << m.bit;
    return copy;
  }
  const chars = [...body];
  if (m.op === 'insert') chars.splice(m.at % (chars.length + 1), 0, m.char);
  else if (chars.length === 0) chars.push(m.char);
  else if (m.op === 'delete') chars.splice(m.at % chars.length, 1);
  else chars[m.at % chars.length] = m.char;
  return chars.join('');
}

function replaceAt(text: string, at: number, char: string): string {
  const i = at % text.length;
  return text.slice(0, i) + char + text.slice(i + 1);
}

/** The MAC bytes a signature text decodes to, the way a lenient decoder (atob, parse-int hex) reads it. */
function decodedMac(text: string, encoding: 'hex' | 'base64'): Buffer | undefined {
  if (encoding === 'hex') return /^[0-9a-fA-F]*$/.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : undefined;
  try {
    return Buffer.from(atob(text), 'latin1');
  } catch {
    return undefined;
  }
}

interface Delivery {
  body: string | Uint8Array;
  t: number;
  id: string;
  key: Uint8Array;
}

/** Builds the headers a sender with `signingKey` would send for (body, t, id), then applies a signature/text mutation. */
function headersFor(scheme: 'billingos' | 'standard', signed: Delivery, sent: Delivery, m: Mutation): { headers: string | Record<string, string>; skip?: string } {
  const encoding = scheme === 'billingos' ? 'hex' : 'base64';
  const prefix = scheme === 'billingos' ? `${signed.t}.` : `${signed.id}.${signed.t}.`;
  const macBytes = mac(signed.key, prefix, signed.body);
  let text = macBytes.toString(encoding);
  if (m.kind === 'signature-bit') {
    const flipped = Buffer.from(macBytes);
    flipped[m.at]! ^= 1 << m.bit;
    text = flipped.toString(encoding);
  } else if (m.kind === 'signature-text') {
    const mutated = replaceAt(text, m.at, m.char);
    const decoded = decodedMac(mutated, encoding);
    // Not a forgery: the same 32 MAC bytes spelled another way (hex case, base64's ignored low bits / whitespace).
    // The SDK accepts these spellings (a harmless malleability, listed in the report as an observation).
    if (decoded?.equals(macBytes)) return { headers: '', skip: 'same MAC bytes, another spelling' };
    text = mutated;
  } else if (m.kind === 'signature-length') {
    const mutated = text.slice(0, Math.max(0, text.length - m.cut)) + m.extra;
    // Dropping base64 `=` padding spells the same MAC bytes (see above).
    if (decodedMac(mutated, encoding)?.equals(macBytes)) return { headers: '', skip: 'same MAC bytes, another spelling' };
    text = mutated;
  }
  if (scheme === 'billingos') return { headers: `t=${sent.t},v1=${text}` };
  return { headers: { 'webhook-id': sent.id, 'webhook-timestamp': String(sent.t), 'webhook-signature': `v1,${text}` } };
}

describe('forgery: a single mutation of a valid delivery is rejected', () => {
  test.each([['billingos-signature' as const], ['Standard Webhooks' as const]])('%s: body, timestamp, signature, webhook-id or secret changed → rejected on every entry point', async (schemeName) => {
    const scheme = schemeName === 'billingos-signature' ? 'billingos' : 'standard';
    await fc.assert(
      fc.asyncProperty(jsonBody, freshOffset, webhookId, mutation, fc.constantFrom('value', 'record', 'Headers'), async (json, offset, id, m, shape) => {
        if (scheme === 'billingos' && m.kind === 'webhook-id') return; // the billingos header signs no id
        const t = nowSeconds() + offset;
        const original: Delivery = { body: json.body, t, id, key: rawKey };
        const sent: Delivery = { ...original };
        let verifySecret: string | undefined;
        if (m.kind === 'body') {
          sent.body = mutateBody(json.body, m);
          // Not a mutation of what is signed: two strings with the same UTF-8 bytes (e.g. two lone surrogates both become U+FFFD).
          fc.pre(!bytesOf(sent.body).equals(bytesOf(json.body)));
        } else if (m.kind === 'timestamp') {
          sent.t = t + m.delta;
        } else if (m.kind === 'webhook-id') {
          sent.id = replaceAt(id, m.at, m.char);
          fc.pre(sent.id !== id);
        } else if (m.kind === 'secret') {
          const key = Buffer.from(rawKey);
          let other: Buffer;
          if (m.variant === 'flip') {
            key[m.at % key.length]! ^= 1 << m.bit;
            other = key;
          } else if (m.variant === 'other') other = randomBytes(32);
          else if (m.variant === 'truncate') {
            other = key.subarray(0, (m.at % (key.length - 1)) + 1);
            // HMAC zero-pads keys shorter than its block: K and K without trailing zero bytes are the same key (not an SDK matter).
            fc.pre(key.subarray(other.length).some((byte) => byte !== 0));
          } else other = Buffer.concat([key, Buffer.from([m.byte])]); // a non-zero byte: a zero one would be the same HMAC key
          verifySecret = `whsec_${other.toString('base64')}`;
        }
        const built = headersFor(scheme, original, sent, m);
        fc.pre(built.skip === undefined);
        // The same headers as a bare value (billingos only), a plain record, or a fetch Headers.
        const record = typeof built.headers === 'string' ? { 'billingos-signature': built.headers } : built.headers;
        const headers = shape === 'Headers' ? toHeaders(record) : shape === 'record' || typeof built.headers !== 'string' ? record : built.headers;
        const outcomes: Array<[string, Outcome]> = [];
        for (const surface of SURFACES) {
          outcomes.push([surface.name, await surface.run(sent.body, headers, verifySecret ? { secret: verifySecret } : {})]);
        }
        // Any rejection will do, but not invalid_payload: that would mean the signature verified.
        assertAllRejected(outcomes, ['signature_mismatch', 'malformed_signature_header', 'timestamp_outside_tolerance', 'missing_signature_header']);
        // Sanity: the unmutated delivery does verify, so the rejection above is the mutation's doing.
        const control = headersFor(scheme, original, original, { kind: 'timestamp', delta: 0 }).headers;
        assertAllAccepted(await runAll(original.body, control), json.value);
      }),
      { numRuns: 300 },
    );
  });

  test('a valid signature outside the tolerance (replay) is rejected with timestamp_outside_tolerance, both schemes', async () => {
    await fc.assert(
      fc.asyncProperty(
        jsonBody,
        fc.oneof(fc.integer({ min: TOLERANCE + MARGIN, max: 10 ** 9 }), fc.integer({ min: -(10 ** 9), max: -(TOLERANCE + MARGIN) })),
        fc.boolean(),
        async (json, offset, standard) => {
          const t = Math.max(0, nowSeconds() + offset);
          fc.pre(Math.abs(nowSeconds() - t) > TOLERANCE + MARGIN / 2);
          const headers = standard ? standardHeaders(json.body, t, 'msg_replay') : billingosHeader(json.body, t);
          assertAllRejected(await runAll(json.body, headers), ['timestamp_outside_tolerance']);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("a signature of one scheme is not accepted in the other's header", async () => {
    await fc.assert(
      fc.asyncProperty(jsonBody, freshOffset, webhookId, async (json, offset, id) => {
        const t = nowSeconds() + offset;
        const billingosHex = mac(rawKey, `${t}.`, json.body);
        const standardMac = mac(rawKey, `${id}.${t}.`, json.body);
        assertAllRejected(await runAll(json.body, { 'webhook-id': id, 'webhook-timestamp': String(t), 'webhook-signature': `v1,${billingosHex.toString('base64')}` }));
        assertAllRejected(await runAll(json.body, `t=${t},v1=${standardMac.toString('hex')}`));
      }),
      { numRuns: 100 },
    );
  });
});
