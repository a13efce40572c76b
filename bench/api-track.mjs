// Tracked entitlement checks (`POST /v1/entitlements/check` with `track: true`) per second and their p99, on PGlite and on
// PostgreSQL, next to GET /health on the same server. Exactness is checked too: against an unlimited feature the usage
// afterwards equals the allowed checks, and against a limit L exactly L checks are allowed however many race for it.
// Usage: npm run build -w @billingos/api && node bench/api-track.mjs [--connections 50] [--duration 10]
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { onBothStorages, secretKey, startApi } from './support/api.mjs';

const { values } = parseArgs({ options: { connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '10' } } });
const connections = Number(values.connections);
const duration = Number(values.duration);
const LIMIT = 2000;
const EXACT_REQUESTS = 1000;
const headers = { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' };

async function call(url, method, path, body) {
  const response = await fetch(`${url}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** A customer subscribed to a plan with an unlimited and a limited metered feature. */
async function setUp(url) {
  const features = [
    { key: 'api_calls', type: 'metered', limit: null, reset: 'period' },
    { key: 'exports', type: 'metered', limit: LIMIT, reset: 'period' },
  ];
  const product = await call(url, 'POST', '/v1/products', { name: 'Bench', features, prices: [{ amount: 1000, currency: 'usd', interval: 'month' }] });
  const customer = await call(url, 'POST', '/v1/customers', { externalUserId: 'bench_user' });
  await call(url, 'POST', '/v1/subscriptions', { customerId: customer.id, priceId: product.prices[0].id });
  return customer.id;
}

/** Tracked checks of one feature for `{ duration }` seconds. */
function trackedChecks(url, customerId, featureKey, length) {
  return autocannon({
    url: `${url}/v1/entitlements/check`,
    connections,
    ...length,
    method: 'POST',
    headers,
    body: JSON.stringify({ customerId, featureKey, track: true }),
  });
}

/** Exactly `total` tracked checks over `connections` concurrent loops (not autocannon, which may send past its `amount`). */
async function exactChecks(url, customerId, featureKey, total) {
  let sent = 0;
  let allowed = 0;
  const body = JSON.stringify({ customerId, featureKey, track: true });
  const loop = async () => {
    while (sent < total) {
      sent += 1;
      const response = await fetch(`${url}/v1/entitlements/check`, { method: 'POST', headers, body });
      if (response.status !== 200) throw new Error(`check answered ${response.status}: ${await response.text()}`);
      if ((await response.json()).allowed) allowed += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return { allowed, total };
}

async function usageOf(url, customerId, featureKey) {
  const { data } = await call(url, 'GET', `/v1/customers/${customerId}/entitlements`);
  return data.find((entitlement) => entitlement.featureKey === featureKey).usage;
}

async function measure(label, env) {
  const api = await startApi(env);
  try {
    const customerId = await setUp(api.url);
    await trackedChecks(api.url, customerId, 'api_calls', { duration: 2 });
    const result = await trackedChecks(api.url, customerId, 'api_calls', { duration });
    // Exactness with a fixed number of requests, once the timed run's last requests have settled.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = await usageOf(api.url, customerId, 'api_calls');
    const { allowed } = await exactChecks(api.url, customerId, 'api_calls', EXACT_REQUESTS);
    const counted = (await usageOf(api.url, customerId, 'api_calls')) - before;
    const limited = await exactChecks(api.url, customerId, 'exports', LIMIT + EXACT_REQUESTS);
    const health = await autocannon({ url: `${api.url}/health`, connections, duration });
    return {
      storage: label,
      'tracked checks/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      'non-2xx': result.non2xx + result.errors,
      'usage = allowed': counted === allowed ? `yes (${allowed})` : `NO: ${counted} counted, ${allowed} allowed`,
      [`allowed of limit ${LIMIT}`]: `${limited.allowed} of ${limited.total}`,
      'health req/s': Math.round(health.requests.average),
      'checks / health': (result.requests.average / health.requests.average).toFixed(2),
    };
  } finally {
    await api.stop();
  }
}

console.log(`POST /v1/entitlements/check { track: true }, ${connections} connections, ${duration} s, autocannon; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
const rows = await onBothStorages(measure);
console.table(rows);
const exact = rows.every((row) => row['usage = allowed'] === `yes (${EXACT_REQUESTS})` && row[`allowed of limit ${LIMIT}`] === `${LIMIT} of ${LIMIT + EXACT_REQUESTS}`);
if (!exact) {
  console.error('Tracked checks were not exact: see the table.');
  process.exit(1);
}
