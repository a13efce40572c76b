// Session-token mint rate of the BillingOS API (`node packages/api/dist/main.js`), on PGlite and on PostgreSQL,
// next to GET /health on the same server (the ceiling of the HTTP stack, the peer each mint rate is compared with).
// Usage: npm run build -w @billingos/api && node bench/api-mint.mjs [--connections 10] [--duration 10]
// PostgreSQL runs when TEST_DATABASE_URL (or DATABASE_URL) is set; a scratch database is created and dropped.
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { onBothStorages, secretKey, startApi } from './support/api.mjs';

const { values } = parseArgs({ options: { connections: { type: 'string', default: '10' }, duration: { type: 'string', default: '10' } } });
const connections = Number(values.connections);
const duration = Number(values.duration);

function load(url, options) {
  return autocannon({ url, connections, duration, ...options });
}

async function measure(label, env) {
  const api = await startApi(env);
  try {
    const mint = {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ externalUserId: 'bench_user' }),
    };
    let next = 0;
    const newUser = {
      ...mint,
      requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ externalUserId: `bench_new_${next++}` }) }) }],
    };
    await autocannon({ url: `${api.url}/v1/session-tokens`, connections, duration: 2, ...mint });
    const minted = await load(`${api.url}/v1/session-tokens`, mint);
    const created = await load(`${api.url}/v1/session-tokens`, newUser);
    const health = await load(`${api.url}/health`, {});
    return {
      storage: label,
      'mint req/s': Math.round(minted.requests.average),
      'p50 ms': minted.latency.p50,
      'p99 ms': minted.latency.p99,
      'mint+new customer req/s': Math.round(created.requests.average),
      'non-2xx': minted.non2xx + minted.errors + created.non2xx + created.errors,
      'health req/s': Math.round(health.requests.average),
      'mint / health': (minted.requests.average / health.requests.average).toFixed(2),
    };
  } finally {
    await api.stop();
  }
}

console.log(`POST /v1/session-tokens (existing customer; then a new customer per request), ${connections} connections, ${duration} s each, autocannon; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
const rows = await onBothStorages(measure);
console.table(rows);
if (rows.length === 2) console.log(`PostgreSQL / PGlite mint rate: ${(rows[1]['mint req/s'] / rows[0]['mint req/s']).toFixed(2)}`);
