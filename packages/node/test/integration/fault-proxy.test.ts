import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import {
  ApiError,
  BillingOS,
  BillingOSError,
  ConnectionError,
  ExponentialBackoffRetryPolicy,
  IdempotencyError,
  RateLimitError,
  RETRY_ATTEMPT_HEADER,
} from '@billingos/node';
import type { Customer } from '@billingos/node';
import { FaultProxy } from '../utils/fault-proxy';
import type { Fault, SeenRequest } from '../utils/fault-proxy';

/**
 * 1,000 creates and 100 updates through a proxy that breaks 20 % of requests, four ways. The
 * faults are drawn by a PRNG seeded per request (method, body, attempt, caller round), so a
 * request meets the same fault in every run whatever order concurrent requests arrive in;
 * `FAULT_SEED=<n>` replays another run.
 */
const SEED = Number(process.env.FAULT_SEED ?? 20_240_611);
const CUSTOMERS = 1_000;
const UPDATES = 100;
const CONCURRENCY = 20;
const TIMEOUT_MS = 500;
const FAULT_RATE = 0.2;
/** How often the test, as a careful caller, retries a write the SDK gave up on (same key). */
const CALLER_ROUNDS = 10;
/** Sent by the test so that a caller's retry meets a fresh draw of faults (the SDK's own attempts are told apart by their attempt header). */
const ROUND_HEADER = 'x-fault-round';
/**
 * Each phase takes 20–40 s on two shared cores (the report prints it); the limit only stops a
 * hang, so that neighbours' load slowing the API never fails a correctness test.
 */
const HANG_GUARD_MS = 120_000;

let server: TestServer;
let proxy: FaultProxy;
/** Through the proxy, with the default retry policy and a short per-attempt timeout. */
let billing: BillingOS;
/** Straight to the API, to check what it holds. */
let direct: BillingOS;

/** Every failure the SDK surfaced to a caller, after its own retries. */
const surfaced: Array<{ call: string; error: unknown }> = [];

const FAULTS: Record<string, Fault | ((request: SeenRequest) => Fault)> = {
  /** (a) the API committed, the client never learns. */
  dropAfterCommit: { kind: 'drop-after-upstream' },
  /** (b) the API is down (not reached). */
  unavailable: () => ({
    kind: 'respond',
    status: 503,
    headers: { 'request-id': requestId() },
    body: { error: { type: 'api_error', code: 'service_unavailable', message: 'The API is briefly unavailable.', requestId: requestId() } },
  }),
  /** (c) rate limited (not reached). */
  rateLimited: () => ({
    kind: 'respond',
    status: 429,
    headers: { 'retry-after': '1', 'request-id': requestId() },
    body: { error: { type: 'rate_limit_error', code: 'rate_limited', message: 'Too many requests.', requestId: requestId() } },
  }),
  /** (d) the API answered, but later than the client waits. */
  slowerThanTimeout: { kind: 'delay-after-upstream', ms: 2 * TIMEOUT_MS },
};

beforeAll(async () => {
  server = await startTestServer();
  proxy = await FaultProxy.start(server.url);
  proxy.randomFaults({ seed: SEED, rate: FAULT_RATE, faults: FAULTS, key: faultKey });
  billing = new BillingOS({
    secretKey: server.secretKey,
    apiUrl: proxy.url,
    timeout: TIMEOUT_MS,
    // The defaults, spelled out: 2 retries, full jitter from 0.5 s, Retry-After honoured up to 60 s.
    retryPolicy: new ExponentialBackoffRetryPolicy({ maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 }),
  });
  direct = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url });
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

test(`${CUSTOMERS} creates through 20 % faults: exactly one customer each, every surfaced failure typed`, async () => {
  const started = performance.now();
  const keys = Array.from({ length: CUSTOMERS }, () => randomUUID());
  const created = await pool(CUSTOMERS, (i) =>
    carefully(`create fault_${i}`, (headers) => billing.customers.create({ externalUserId: `fault_${i}` }, { idempotencyKey: keys[i], headers })),
  );
  expect(created.map((customer) => customer.externalUserId)).toEqual(created.map((_, i) => `fault_${i}`));

  const held = await everyCustomer();
  expect(held).toHaveLength(CUSTOMERS);
  expect(new Set(held.map((customer) => customer.externalUserId))).toEqual(new Set(created.map((customer) => customer.externalUserId)));
  expect(new Set(held.map((customer) => customer.id))).toEqual(new Set(created.map((customer) => customer.id)));

  const creates = proxy.requests.filter((request) => request.method === 'POST');
  for (const request of creates) {
    const i = Number((JSON.parse(request.body) as { externalUserId: string }).externalUserId.slice('fault_'.length));
    expect(request.headers['idempotency-key']).toBe(keys[i]);
  }
  expectEveryKindInjected(creates);
  // The API ran each create once; every other attempt that reached it (after a drop, a timeout) was answered from the stored response.
  const replayed = creates.filter((request) => request.upstreamHeaders?.['idempotent-replayed'] === 'true');
  expect(creates.filter((request) => request.upstreamStatus === 201).length - replayed.length).toBe(CUSTOMERS);
  expect(replayed.length).toBeGreaterThanOrEqual(creates.filter((request) => request.fault === 'drop-after-upstream').length);
  expectOnlyTypedFailures();
  report('creates', surfaced, started);
}, HANG_GUARD_MS);

test(`${UPDATES} updates through the same faults: every customer ends as asked, each call one key on every attempt`, async () => {
  const started = performance.now();
  proxy.requests.length = 0;
  const before = surfaced.length;
  const targets = (await everyCustomer()).filter((customer) => faultIndex(customer) < UPDATES);
  expect(targets).toHaveLength(UPDATES);

  await pool(UPDATES, (i) =>
    carefully(`update ${targets[i]!.externalUserId}`, (headers) =>
      billing.customers.update(targets[i]!.id, { name: `patched ${targets[i]!.externalUserId}`, metadata: { fault: 'survived' } }, { headers }),
    ),
  );

  const held = await everyCustomer();
  expect(held).toHaveLength(CUSTOMERS);
  for (const customer of held) {
    const patched = faultIndex(customer) < UPDATES;
    const expected = patched ? [`patched ${customer.externalUserId}`, { fault: 'survived' }] : [null, {}];
    expect([customer.name, customer.metadata]).toEqual(expected);
  }

  const updates = proxy.requests.filter((request) => request.method === 'PATCH');
  const keysByCall = new Map<string, Set<unknown>>();
  for (const request of updates) {
    const call = `${request.path} ${String(request.headers[ROUND_HEADER])}`;
    keysByCall.set(call, (keysByCall.get(call) ?? new Set()).add(request.headers['idempotency-key']));
  }
  expect([...keysByCall.values()].every((keys) => keys.size === 1 && typeof [...keys][0] === 'string')).toBe(true);
  expect(new Set([...keysByCall.values()].map((keys) => [...keys][0])).size).toBe(keysByCall.size);
  expectEveryKindInjected(updates);
  expectOnlyTypedFailures();
  report('updates', surfaced.slice(before), started);
}, HANG_GUARD_MS);

/** The fault a request meets depends on what it is, its SDK attempt and the caller's round, never on arrival order. */
function faultKey(request: SeenRequest): string {
  return [request.method, request.body, request.headers[RETRY_ATTEMPT_HEADER.toLowerCase()], request.headers[ROUND_HEADER]].join(' ');
}

/**
 * A careful caller: when the SDK surfaces a failure after its retries, it retries the same
 * call (the same idempotency key, when it passed one) a few times, a little later.
 */
async function carefully<T>(call: string, run: (headers: Record<string, string>) => Promise<T>): Promise<T> {
  for (let round = 0; ; round += 1) {
    try {
      return await run({ [ROUND_HEADER]: String(round) });
    } catch (error) {
      surfaced.push({ call, error });
      if (!isTransient(error) || round + 1 >= CALLER_ROUNDS) throw error;
      await sleep(error instanceof RateLimitError ? (error.retryAfter ?? 1) * 1_000 : 500);
    }
  }
}

/** The failures a retry may cure: no response, 5xx, 429, or the same key still in flight. */
function isTransient(error: unknown): boolean {
  if (error instanceof IdempotencyError) return error.code === 'idempotency_request_in_progress';
  return error instanceof ConnectionError || error instanceof ApiError || error instanceof RateLimitError;
}

async function pool<T>(count: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await task(i);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

/** `i` of the customer `fault_<i>`. */
function faultIndex(customer: Customer): number {
  return Number(customer.externalUserId?.slice('fault_'.length));
}

async function everyCustomer(): Promise<Customer[]> {
  const customers: Customer[] = [];
  for await (const customer of direct.customers.list({ limit: 100 })) customers.push(customer);
  return customers;
}

function expectEveryKindInjected(requests: SeenRequest[]): void {
  const injected = Object.keys(FAULTS).map((name) => [name, requests.filter((request) => request.faultName === name).length]);
  expect(injected.filter(([, count]) => count === 0)).toEqual([]);
  const share = requests.filter((request) => request.fault !== 'pass').length / requests.length;
  expect(share).toBeGreaterThan(FAULT_RATE / 2);
  expect(share).toBeLessThan(FAULT_RATE * 2);
}

function expectOnlyTypedFailures(): void {
  for (const { call, error } of surfaced) {
    if (!(error instanceof BillingOSError) || !isTransient(error)) throw new Error(`${call} surfaced ${describe(error)}`);
  }
}

function report(phase: string, failures: Array<{ error: unknown }>, started: number): void {
  const byClass: Record<string, number> = {};
  for (const { error } of failures) byClass[describe(error)] = (byClass[describe(error)] ?? 0) + 1;
  const faults: Record<string, number> = {};
  for (const { faultName } of proxy.requests) if (faultName) faults[faultName] = (faults[faultName] ?? 0) + 1;
  const statuses: Record<string, number> = {};
  for (const { upstreamStatus, upstreamHeaders } of proxy.requests) {
    const answer = upstreamHeaders?.['idempotent-replayed'] === 'true' ? `${upstreamStatus} replayed` : String(upstreamStatus);
    if (upstreamStatus) statuses[answer] = (statuses[answer] ?? 0) + 1;
  }
  const latencies = proxy.requests.flatMap(({ upstreamMs }) => (upstreamMs === undefined ? [] : [upstreamMs])).sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  console.info(
    `fault-proxy ${phase}, seed ${SEED}, ${((performance.now() - started) / 1000).toFixed(1)} s: ${proxy.requests.length} requests, ` +
      `faults ${JSON.stringify(faults)}, API answers ${JSON.stringify(statuses)} in p50 ${percentile(0.5)} ms p99 ${percentile(0.99)} ms; ` +
      `${failures.length} failures surfaced after the SDK's retries (each retried by the caller): ${JSON.stringify(byClass)}`,
  );
}

function describe(error: unknown): string {
  return error instanceof BillingOSError ? `${error.name}(${error.code ?? error.type})` : `${(error as Error)?.name}: ${String(error)}`;
}

function requestId(): string {
  return `req_fault_${randomUUID().replaceAll('-', '')}`;
}
