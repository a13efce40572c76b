/**
 * Property-based fuzzing of every endpoint's input validation over real HTTP (fast-check).
 *
 * The routes come from the controllers themselves (Nest's route metadata, walked from
 * AppModule), and the field vocabulary from the zod schemas in src, so a new endpoint or field
 * is fuzzed without touching this file. For each route, with the credential it accepts:
 * arbitrary JSON bodies (random keys, wrong types, huge strings, deep nesting, prototype keys),
 * arbitrary query strings and path parameters (`.`, `..`, bad percent-encoding, unicode, long),
 * raw non-JSON bodies and wrong Content-Types, and wrong methods. The API must never answer
 * 5xx; every 4xx is the envelope `{ error: { type, code, message, param?, requestId } }` with the
 * response's Request-Id; a 400 about a field names it in `param`.
 *
 * Runs vary locally and in `npm run test:fuzz`; CI replays one seed (test-utils/fuzz-seed.ts). A failure prints its seed, its counterexample and the request.
 */
import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { parse as parseQueryString } from 'node:querystring';
import type { DynamicModule, Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import fc from 'fast-check';
import { configureFuzzing } from '../../../test-utils/fuzz-seed';
import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { AppModule } from '../src/app/app.module';
import { ALLOW_KEY, OPERATION_KEY, PUBLIC_KEY } from '../src/auth/allow.decorator';
import { API_OPERATION_KEY } from '../src/openapi/api-operation.decorator';
import type { ApiOperationSpec } from '../src/openapi/api-operation.decorator';

configureFuzzing();

jest.setTimeout(180_000);

const RATE_LIMIT = { max: 1_000_000, windowMs: 60_000 };
/** Longest query string and path parameter sent (after encoding): Node's parser answers longer request lines itself. */
const MAX_QUERY = 6_000;
const MAX_PARAM = 6_000;
const SRC = join(__dirname, '..', 'src');

// ---------------------------------------------------------------------------------------------
// The routes, from the controllers' metadata.
// ---------------------------------------------------------------------------------------------

type Kind = 'secret' | 'publishable' | 'session';

interface Route {
  method: string;
  /** Express pattern, e.g. `/v1/customers/:id`. */
  path: string;
  allow: Kind[];
  isPublic: boolean;
  operation: string | undefined;
  takesBody: boolean;
  takesQuery: boolean;
  params: string[];
  /** An HTML page for people (the checkout page, a hosted invoice): its errors are pages too. */
  page: boolean;
}

function controllers(): Type[] {
  const seen = new Set<unknown>();
  const found = new Set<Type>();
  const visit = (entry: unknown): void => {
    if (!entry || seen.has(entry)) return;
    seen.add(entry);
    if (typeof entry === 'object' && 'forwardRef' in entry) return visit((entry as { forwardRef: () => unknown }).forwardRef());
    if (typeof entry === 'object' && 'module' in entry) {
      const dynamic = entry as DynamicModule;
      for (const controller of dynamic.controllers ?? []) found.add(controller);
      for (const imported of dynamic.imports ?? []) visit(imported);
      return visit(dynamic.module);
    }
    if (typeof entry === 'function') {
      for (const controller of (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, entry) ?? []) as Type[]) found.add(controller);
      for (const imported of (Reflect.getMetadata(MODULE_METADATA.IMPORTS, entry) ?? []) as unknown[]) visit(imported);
    }
  };
  // forRoot only assembles metadata: nothing is opened or instantiated here.
  visit(AppModule.forRoot({} as never));
  return [...found];
}

function joinPath(...parts: Array<string | string[] | undefined>): string {
  const segments = parts.flatMap((part) => (Array.isArray(part) ? part.slice(0, 1) : [part])).filter((part): part is string => !!part && part !== '/');
  return `/${segments.join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}

function routesOf(controller: Type): Route[] {
  const routes: Route[] = [];
  const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
  for (const name of Object.getOwnPropertyNames(controller.prototype)) {
    const handler = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value as unknown;
    if (name === 'constructor' || typeof handler !== 'function') continue;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) continue;
    const path = joinPath(prefix, Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined);
    const argTypes = Object.keys((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as object).map((key) => Number(key.split(':')[0]));
    const meta = <T>(key: string) => (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
    routes.push({
      method: RequestMethod[method],
      path,
      allow: meta<Kind[]>(ALLOW_KEY) ?? [],
      isPublic: meta<boolean>(PUBLIC_KEY) === true,
      operation: meta<string>(OPERATION_KEY),
      takesBody: argTypes.includes(RouteParamtypes.BODY),
      takesQuery: argTypes.includes(RouteParamtypes.QUERY),
      params: [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!),
      page: meta<ApiOperationSpec>(API_OPERATION_KEY)?.html === true,
    });
  }
  return routes;
}

const ROUTES: Route[] = controllers()
  .flatMap(routesOf)
  .sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));

// ---------------------------------------------------------------------------------------------
// The field vocabulary, from every zod schema in src (keys of objects, values of enums).
// ---------------------------------------------------------------------------------------------

function schemaVocabulary(): { fields: string[]; enumValues: string[] } {
  const fields = new Set<string>();
  const enumValues = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (schema: unknown, depth: number): void => {
    if (!schema || typeof schema !== 'object' || seen.has(schema) || depth > 30) return;
    seen.add(schema);
    if (Array.isArray(schema)) return schema.forEach((item) => walk(item, depth + 1));
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    if (def.type === 'object' && def.shape && typeof def.shape === 'object') {
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
        fields.add(key);
        walk(child, depth + 1);
      }
    }
    if (def.type === 'enum' && def.entries && typeof def.entries === 'object') for (const value of Object.values(def.entries as object)) enumValues.add(String(value));
    if (def.type === 'literal' && Array.isArray(def.values)) for (const value of def.values) if (typeof value === 'string') enumValues.add(value);
    for (const child of Object.values(def)) if (child && typeof child === 'object') walk(child, depth + 1);
  };
  const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((file) => /schemas?\.ts$/.test(file));
  for (const file of files) {
    for (const exported of Object.values(require(join(SRC, file)) as Record<string, unknown>)) walk(exported, 0);
  }
  return { fields: [...fields].sort(), enumValues: [...enumValues].sort() };
}

const VOCABULARY = schemaVocabulary();
/** Query parameters every list takes, and names a client might guess. */
const QUERY_FIELDS = ['limit', 'startingAfter', 'endingBefore', 'active', 'status', 'customerId', 'externalUserId', 'externalOrganizationId', 'expand', 'expand[]'];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'];

// ---------------------------------------------------------------------------------------------
// HTTP: node:http, so paths and headers go out exactly as generated (fetch normalises `..`).
// ---------------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | undefined;
  /** Field names the request carried (body keys, query keys), for checking `param`. */
  keys: string[];
}

interface Received {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function send(baseUrl: string, request: Sent): Promise<Received> {
  const url = new URL(baseUrl);
  const headers = { ...request.headers, ...(request.body ? { 'Content-Length': String(request.body.length) } : {}) };
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent }, (response) => {
      if (String(response.headers['content-type']).startsWith('text/event-stream')) {
        // An accepted stream never ends by itself: its status and headers are the answer.
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: '' });
        outgoing.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'payment_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
};
const ERROR_TYPES = ['invalid_request_error', 'authentication_error', 'payment_error', 'permission_error', 'not_found_error', 'idempotency_error', 'rate_limit_error', 'api_error'];
/** 400 codes that are about one field, so `param` must name it. */
const FIELD_CODES = ['parameter_missing', 'parameter_invalid', 'unknown_parameter'];
/** Params that name a header or the path rather than a body/query field. */
const NON_FIELD_PARAMS = ['id', 'Idempotency-Key', 'BillingOS-Customer'];

function describeRequest(request: Sent): string {
  const body = request.body ? request.body.toString('utf8') : '';
  return `${request.method} ${request.path.slice(0, 400)}${request.path.length > 400 ? `… (${request.path.length} chars)` : ''}\n  headers ${JSON.stringify(request.headers).slice(0, 600)}\n  body ${JSON.stringify(body.slice(0, 600))}${body.length > 600 ? `… (${body.length} chars)` : ''}`;
}

/** The properties every response must have; returns the parsed error, if any. */
/** A page's answer: never a 5xx; an error is a page (HTML, no stack) unless the body parser refused the request with the JSON envelope. */
function checkPageResponse(request: Sent, response: Received): 'page' | ReturnType<typeof checkResponse> {
  if (!String(response.headers['content-type'] ?? '').startsWith('text/html')) return checkResponse(request, response);
  if (response.status >= 500) throw new Error(`a 5xx page\n  → ${response.status} ${response.text.slice(0, 300)}\n  for ${describeRequest(request)}`);
  if (!response.text.startsWith('<!DOCTYPE html>') || /\bat \S+ \(.*:\d+:\d+\)/.test(response.text)) throw new Error(`not a page, or a stack trace in it\n  for ${describeRequest(request)}`);
  return 'page';
}

function checkResponse(request: Sent, response: Received): { type: string; code: string; param?: string } | undefined {
  const fail = (why: string): never => {
    throw new Error(`${why}\n  → ${response.status} ${response.text.slice(0, 500)}\n  for ${describeRequest(request)}`);
  };
  if (response.status >= 500) fail('a 5xx');
  if (response.status < 400) return undefined;
  let body: { error?: Record<string, unknown> };
  try {
    body = JSON.parse(response.text);
  } catch {
    return fail('a 4xx without a JSON body');
  }
  const error = body?.error;
  if (!error || typeof error !== 'object') return fail('a 4xx without { error }');
  if (Object.keys(body).length !== 1) fail('the envelope has keys besides "error"');
  if (typeof error.type !== 'string' || !ERROR_TYPES.includes(error.type)) fail(`unknown error type ${String(error.type)}`);
  const expectedType = TYPE_BY_STATUS[response.status];
  if (expectedType && error.type !== expectedType) fail(`status ${response.status} with type ${String(error.type)}`);
  if (typeof error.code !== 'string' || error.code === '') fail('no error code');
  if (typeof error.message !== 'string' || error.message === '') fail('no error message');
  const requestId = response.headers['request-id'];
  if (typeof requestId !== 'string' || !/^req_\w+$/.test(requestId) || error.requestId !== requestId) fail(`requestId ${String(error.requestId)} ≠ Request-Id ${String(requestId)}`);
  if (error.param !== undefined && typeof error.param !== 'string') fail('param present but not a string');
  const allowed = ['type', 'code', 'message', 'param', 'requestId'];
  const extra = Object.keys(error).filter((key) => !allowed.includes(key));
  if (extra.length > 0) fail(`unexpected error fields ${extra.join(', ')}`);
  const param = error.param as string | undefined;
  if (response.status === 400 && FIELD_CODES.includes(error.code as string)) {
    if (param === undefined) fail(`${String(error.code)} without a param naming the field`);
    if (param !== undefined && error.code !== 'parameter_missing' && !NON_FIELD_PARAMS.includes(param)) {
      const named = request.keys.some((key) => param === key || param.startsWith(`${key}.`));
      if (!named) fail(`${String(error.code)} names param "${param}", which the request did not send`);
    }
  }
  return { type: error.type as string, code: error.code as string, ...(param !== undefined ? { param } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.
// ---------------------------------------------------------------------------------------------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const nastyChar = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: fc.constantFrom('.', '..', '/', '\\', '%', '%00', '?', '#', '&', '=', '+', ';', '\u00a0', '\u2028', '\ufeff', 'é', '🙂', 'İ', '\u0301') },
);
const weirdString = fc.oneof(fc.string({ unit: nastyChar, maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }));
const hugeString = fc.tuple(fc.string({ unit: nastyChar, minLength: 1, maxLength: 4 }), fc.integer({ min: 256, max: 80_000 })).map(([chunk, length]) => chunk.repeat(Math.ceil(length / chunk.length)).slice(0, length));

/** Real ids of this server's fixtures, filled in beforeAll. */
const realIds: string[] = [];

const plausibleString = fc.oneof(
  fc.constantFrom(...(VOCABULARY.enumValues.length > 0 ? VOCABULARY.enumValues : ['month'])),
  fc.nat().map((i) => realIds[i % Math.max(1, realIds.length)] ?? 'cus_missing'),
  fc.stringMatching(/^[a-z][a-z0-9_]{0,19}$/),
  fc.constantFrom('usd', 'eur', 'USD', 'now', 'period_end', '*', 'https://example.com/hook', 'http://localhost:3000/webhooks', 'a@b.co', 'user@example.com', '2026-01-01T00:00:00.000Z', 'true', 'false', '1', ''),
);
const numberish = fc.oneof(
  fc.integer(),
  fc.nat(1000),
  fc.double(),
  fc.constantFrom(0, -0, 1, -1, 0.5, 59, 60, 3600, 86_400, 86_401, 100_000_000, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e21, 1e308, -1e308, Number.MIN_VALUE),
);

/**
 * Deeply nested arrays or objects, kept as a marker and spliced into the JSON text at send time:
 * a 30 000-deep JS value would overflow JSON.stringify and fast-check's own reporting.
 */
class Deep {
  constructor(
    readonly depth: number,
    readonly kind: 'array' | 'object',
    readonly leaf: unknown,
  ) {}

  text(): string {
    const leaf = JSON.stringify(this.leaf) ?? 'null';
    return this.kind === 'array' ? `${'['.repeat(this.depth)}${leaf}${']'.repeat(this.depth)}` : `${'{"a":'.repeat(this.depth)}${leaf}${'}'.repeat(this.depth)}`;
  }

  [fc.toStringMethod](): string {
    return `Deep(${this.depth} nested ${this.kind}s around ${JSON.stringify(this.leaf)})`;
  }
}
const deepValue = fc.tuple(fc.integer({ min: 20, max: 30_000 }), fc.constantFrom('array' as const, 'object' as const), fc.jsonValue({ maxDepth: 1 })).map(([depth, kind, leaf]) => new Deep(depth, kind, leaf));

/** JSON text of a generated value, Deep markers spliced in. */
function serialize(value: unknown): string {
  const deeps: Deep[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => (item instanceof Deep ? `\u0001deep${deeps.push(item) - 1}\u0001` : item)) ?? 'null';
  return text.replace(/"\\u0001deep(\d+)\\u0001"/g, (_match, index: string) => deeps[Number(index)]!.text());
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !(value instanceof Deep) && !Array.isArray(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value));

const fieldKey = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...VOCABULARY.fields) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 2, arbitrary: weirdString },
  { weight: 1, arbitrary: fc.constantFrom('a.b', 'metadata.x', 'prices.0', '0', '-1', 'ID', 'External_User_Id', ' externalUserId', 'externalUserId ') },
);

const { value: jsonish } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    plausibleString,
    weirdString,
    numberish,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fieldKey, tie('value'), { maxKeys: 5 }),
    fc.array(plausibleString, { maxLength: 4 }),
  ),
}));

const bodyObject = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(fieldKey, jsonish, { maxKeys: 6 }) },
  // Mostly-right bodies, so requests get past validation into the handlers and storage.
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...VOCABULARY.fields), fc.oneof(plausibleString, numberish, fc.boolean(), fc.array(plausibleString, { maxLength: 3 }), fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), plausibleString, { maxKeys: 3 })), { maxKeys: 5 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...VOCABULARY.fields), hugeString).map(([key, value]) => ({ [key]: value })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...VOCABULARY.fields), deepValue).map(([key, value]) => ({ [key]: value })) },
);
/** What goes in the body: usually an object, sometimes any JSON value, deep nesting, or nothing. */
const jsonBodyValue = fc.oneof(
  { weight: 8, arbitrary: bodyObject },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** Percent-encodes the UTF-8 bytes of `text` except unreserved characters; `raw` leaves more alone (bad escapes included). */
function encode(text: string, raw: boolean): string {
  let out = '';
  for (const char of text) {
    // Raw bytes ≥ 0x80 in the request line are refused by Node's HTTP parser itself (a bare 400, see report), so only ASCII goes raw.
    if (/^[A-Za-z0-9\-._~]$/.test(char) || (raw && /^[!$'()*,;:@%]$/.test(char))) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const queryKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...QUERY_FIELDS, ...VOCABULARY.fields) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, 'limit[]', 'limit[0]', 'status[a]', 'a[b][c]', '') },
  { weight: 2, arbitrary: weirdString },
);
const queryValue = fc.oneof(
  plausibleString,
  fc.constantFrom('0', '1', '10', '100', '101', '-1', '1e2', '0x10', ' 1', '1 ', '01', '9'.repeat(400), 'true', 'TRUE', 'trialing', 'active', 'canceled'),
  weirdString,
  fc.tuple(fc.string({ unit: nastyChar, minLength: 1, maxLength: 3 }), fc.integer({ min: 100, max: 6_000 })).map(([chunk, n]) => chunk.repeat(n).slice(0, 6_000)),
);
/** `?a=b&…`: repeated keys, bare keys, empty pairs, raw and percent-encoded characters. */
const queryString = fc
  .tuple(
    fc.array(fc.tuple(queryKey, fc.option(queryValue, { nil: undefined }), fc.boolean()), { maxLength: 5 }),
    fc.constantFrom('', '&', '&&'),
  )
  .map(([pairs, trailer]) => pairs.map(([key, value, raw]) => (value === undefined ? encode(key, raw) : `${encode(key, raw)}=${encode(value, raw)}`)).join('&') + trailer)
  // Request lines over Node's 16 kB header limit get a bare 431 from Node's parser (see report): stay well below it.
  .map((query) => query.slice(0, MAX_QUERY));

const pathParam = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((i) => realIds[i % Math.max(1, realIds.length)] ?? 'cus_missing') },
  { weight: 3, arbitrary: fc.tuple(weirdString, fc.boolean()).map(([text, raw]) => encode(text, raw).slice(0, MAX_PARAM)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '.', '..', '%2e', '%2e%2e', '%2E.', '%', '%zz', '%E0%A4%A', '%2F', '%5C', '~', ';', '%3B', 'cus_', '%20', '+', '%C0%AE', '%C0%80', '%FF', '%ED%A0%80',
      '%F0%9F%99%82', 'null', 'undefined', '__proto__', 'constructor', '%25', '%2500', '..%2F..%2F', 'cus_x%0D%0Ainjected:%201', '%C3%A9',
    ),
  },
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: nastyChar, minLength: 1, maxLength: 3 }), fc.integer({ min: 100, max: 7_000 }), fc.boolean()).map(([chunk, n, raw]) => encode(chunk.repeat(n), raw).slice(0, MAX_PARAM)) },
);

// ---------------------------------------------------------------------------------------------
// Credentials and fixtures.
// ---------------------------------------------------------------------------------------------

let server: TestServer;
let sessionToken: string;
let externalUserId: string;

async function call(method: string, path: string, key: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const parsed = (await response.json()) as Record<string, unknown>;
  if (response.status >= 300) throw new Error(`fixture ${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

beforeAll(async () => {
  server = await startTestServer({ rateLimit: RATE_LIMIT });
  const product = await call('POST', '/v1/products', server.secretKey, {
    name: 'Fuzz plan',
    featureKeys: ['fuzz_feature'],
    prices: [{ amount: 1000, currency: 'usd', interval: 'month' }],
  });
  const priceId = (product.prices as Array<{ id: string }>)[0]!.id;
  externalUserId = 'fuzz_customer';
  const customer = await call('POST', '/v1/customers', server.secretKey, { externalUserId });
  // Cards on file, so both paid subscriptions are charged and start active (not incomplete).
  await call('POST', `/v1/customers/${String(customer.id)}/payment-methods`, server.secretKey, { paymentMethodId: 'pm_card_visa' });
  const subscription = await call('POST', '/v1/subscriptions', server.secretKey, { customerId: customer.id, priceId });
  const minted = await call('POST', '/v1/session-tokens', server.secretKey, {
    externalUserId: 'fuzz_viewer',
    allowedOperations: ['read_customer', 'read_subscription', 'read_entitlements', 'manage_subscription'],
  });
  sessionToken = minted.sessionToken as string;
  await call('POST', `/v1/customers/${String(minted.customerId)}/payment-methods`, server.secretKey, { paymentMethodId: 'pm_card_visa' });
  const mine = await call('POST', '/v1/me/subscriptions', sessionToken, { priceId });
  if (subscription.status !== 'active' || mine.status !== 'active') throw new Error(`fixture subscriptions are ${String(subscription.status)} and ${String(mine.status)}, not active`);
  realIds.push(String(product.id), priceId, String(customer.id), String(subscription.id), String(minted.customerId), String(mine.id));
});
afterAll(async () => {
  agent.destroy();
  await server?.close();
});

type CredentialChoice = Kind | 'live-secret' | 'none' | 'garbage';

function credentialHeaders(choice: CredentialChoice, customerHeader: string): Record<string, string> {
  switch (choice) {
    case 'secret':
      return { Authorization: `Bearer ${server.secretKey}` };
    case 'live-secret':
      return { Authorization: `Bearer ${server.liveSecretKey}` };
    case 'publishable':
      return { Authorization: `Bearer ${server.publishableKey}`, 'BillingOS-Customer': customerHeader };
    case 'session':
      return { Authorization: `Bearer ${sessionToken}` };
    case 'none':
      return {};
    case 'garbage':
      return { Authorization: 'Bearer not-a-credential' };
  }
}

/** Mostly a credential the route accepts (so validation runs), sometimes a wrong one. */
function credentialFor(route: Route): fc.Arbitrary<CredentialChoice> {
  const accepted: CredentialChoice[] = route.isPublic ? ['none'] : route.allow.length > 0 ? route.allow : ['secret'];
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...accepted) },
    { weight: 1, arbitrary: fc.constantFrom<CredentialChoice>('secret', 'live-secret', 'publishable', 'session', 'none', 'garbage') },
  );
}

const customerHeader = fc.oneof(
  fc.constant('fuzz_customer'),
  fc.nat().map((i) => realIds[i % Math.max(1, realIds.length)] ?? 'cus_missing'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  weirdString.map((text) => Buffer.from(text, 'utf8').toString('latin1').replace(/[^\t\x20-\x7e\x80-\xff]/g, '')),
);

const idempotencyKey = fc.option(fc.oneof(fc.uuid(), fc.constantFrom('', 'k', 'x'.repeat(256), 'same-key-every-time'), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 })), { nil: undefined, freq: 3 });

function fillPath(route: Route, params: string[]): string {
  let index = 0;
  return route.path.replace(/:(\w+)/g, () => params[index++] ?? 'x');
}

function queryKeysOf(query: string): string[] {
  return Object.keys(parseQueryString(query));
}

// ---------------------------------------------------------------------------------------------
// The properties.
// ---------------------------------------------------------------------------------------------

test('the route list comes from the controllers and covers the contract', () => {
  const listed = ROUTES.map((route) => `${route.method} ${route.path}`);
  expect(listed).toEqual(
    expect.arrayContaining([
      'GET /health',
      'POST /v1/session-tokens',
      'POST /v1/customers',
      'GET /v1/customers',
      'GET /v1/customers/:id',
      'PATCH /v1/customers/:id',
      'DELETE /v1/customers/:id',
      'POST /v1/products',
      'GET /v1/products',
      'GET /v1/products/:id',
      'POST /v1/subscriptions',
      'GET /v1/subscriptions',
      'GET /v1/subscriptions/:id',
      'PATCH /v1/subscriptions/:id',
      'POST /v1/subscriptions/:id/cancel',
      'GET /v1/customers/:id/entitlements',
      'GET /v1/me',
      'GET /v1/me/subscriptions',
      'GET /v1/me/entitlements',
      'POST /v1/me/subscriptions',
      'PATCH /v1/me/subscriptions/:id',
      'POST /v1/me/subscriptions/:id/cancel',
    ]),
  );
  expect(VOCABULARY.fields).toEqual(expect.arrayContaining(['externalUserId', 'priceId', 'metadata', 'prices', 'limit']));
});

const NUM_RUNS_PER_ROUTE = 70;

describe.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', (_name, route) => {
  test('arbitrary JSON bodies, query strings and path parameters → never 5xx, always the envelope, param named', async () => {
    await fc.assert(
      fc.asyncProperty(
        jsonBodyValue,
        fc.option(queryString, { nil: undefined, freq: route.takesQuery ? 5 : 2 }),
        fc.array(pathParam, { minLength: route.params.length, maxLength: route.params.length }),
        credentialFor(route),
        customerHeader,
        idempotencyKey,
        fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'application/vnd.billingos+json', 'APPLICATION/JSON'),
        async (body, query, params, credential, customer, idempotency, contentType) => {
          // DELETE never gets a real id, so the fixtures survive the run.
          if (route.method === 'DELETE') fc.pre(!params.some((param) => realIds.includes(param)));
          const sendsIdempotencyKey = route.method === 'POST' && idempotency !== undefined;
          const text = body === undefined ? undefined : serialize(body);
          const request: Sent = {
            method: route.method,
            path: fillPath(route, params) + (query === undefined ? '' : `?${query}`),
            headers: {
              ...credentialHeaders(credential, customer),
              ...(text === undefined ? {} : { 'Content-Type': contentType }),
              ...(sendsIdempotencyKey ? { 'Idempotency-Key': idempotency } : {}),
            },
            body: text === undefined ? undefined : Buffer.from(text, 'utf8'),
            keys: [...(text !== undefined && isPlainObject(JSON.parse(text)) ? Object.keys(JSON.parse(text) as object) : []), ...(query ? queryKeysOf(query) : [])],
          };
          const response = await send(server.url, request);
          if (route.page) checkPageResponse(request, response);
          else checkResponse(request, response);
        },
      ),
      { numRuns: NUM_RUNS_PER_ROUTE },
    );
  });
});

describe('raw bodies and Content-Types', () => {
  const NOT_JSON_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/json', 'application/jsonp', 'application/octet-stream'];
  const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/merge-patch+json'];
  const rawBody = fc.oneof(
    fc.string({ unit: nastyChar, minLength: 1, maxLength: 200 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }).map((text) => Buffer.from(text, 'utf8')),
    fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
    fc.constantFrom('{', '{"a":', '[1,2', '{"externalUserId":"x",}', "{'a':1}", '\ufeff{}', '{}garbage', 'NaN', 'undefined', 'externalUserId=x&name=y', '<xml/>', '{"__proto__":{"polluted":1}}', '\u0000'),
    fc.jsonValue({ maxDepth: 2 }).map((value) => `${JSON.stringify(value)}\n${JSON.stringify(value)}`),
    hugeString.map((text) => `{"name":"${text}"`),
  );
  const contentType = fc.oneof(
    fc.constantFrom(...NOT_JSON_TYPES.map((type) => ({ type, json: false as boolean | undefined }))),
    fc.constantFrom(...JSON_TYPES.map((type) => ({ type, json: true as boolean | undefined }))),
    fc.constant({ type: undefined as string | undefined, json: false as boolean | undefined }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((type) => ({ type, json: undefined as boolean | undefined })),
  );

  test('any route, any raw body, any Content-Type → 400 envelope as specified, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), rawBody, contentType, fc.array(pathParam, { minLength: 2, maxLength: 2 }), async (route, raw, type, params) => {
        if (route.method === 'DELETE') fc.pre(!params.some((param) => realIds.includes(param)));
        const body = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
        let parsed: unknown;
        let isJson = true;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch {
          isJson = false;
        }
        const choice = (route.isPublic ? 'none' : route.allow[0] ?? 'secret') as CredentialChoice;
        const request: Sent = {
          method: route.method,
          path: fillPath(route, params),
          headers: { ...credentialHeaders(choice, externalUserId), ...(type.type === undefined || type.type === '' ? {} : { 'Content-Type': type.type }) },
          body,
          keys: isPlainObject(parsed) ? Object.keys(parsed) : [],
        };
        const response = await send(server.url, request);
        // A page's form post takes form bodies: there only "never a 5xx, an error is a page or the envelope" holds.
        if (route.page) return void checkPageResponse(request, response);
        const error = checkResponse(request, response);
        if (body.length > 64 * 1024) {
          expect(error).toMatchObject({ type: 'invalid_request_error', code: 'body_too_large' });
        } else if (type.json === false) {
          expect(error).toMatchObject({ type: 'invalid_request_error', code: 'unsupported_content_type' });
        } else if (type.json === true && !isJson) {
          expect(error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('methods and paths', () => {
  test('a wrong method on any route path, or a path next to one → 404 envelope (never 5xx)', async () => {
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND', 'SEARCH'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.constantFrom(...methods),
        fc.constantFrom('', '/', '/extra', '/..', '/.', '//', '/%2e%2e', '.json', '/x/y/z'),
        fc.constantFrom<CredentialChoice>('secret', 'session', 'publishable', 'none'),
        async (route, method, suffix, credential) => {
          // Ids that do not exist: a DELETE on a real one would remove the fixtures.
          const request: Sent = { method, path: fillPath(route, ['cus_missing', 'sub_missing']) + suffix, headers: credentialHeaders(credential, externalUserId), keys: [] };
          const response = await send(server.url, request);
          if (route.page) checkPageResponse(request, response);
          else checkResponse(request, response);
        },
      ),
      { numRuns: 200 },
    );
  });
});
