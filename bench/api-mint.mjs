// Session-token mint rate of the BillingOS API (`node packages/api/dist/main.js`), on PGlite and on PostgreSQL,
// next to GET /health on the same server (the ceiling of the HTTP stack, the peer each mint rate is compared with).
// Usage: npm run build -w @billingos/api && node bench/api-mint.mjs [--connections 10] [--duration 10]
// PostgreSQL runs when TEST_DATABASE_URL (or DATABASE_URL) is set; a scratch database is created and dropped.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

const { values } = parseArgs({ options: { connections: { type: 'string', default: '10' }, duration: { type: 'string', default: '10' } } });
const connections = Number(values.connections);
const duration = Number(values.duration);
const main = join(import.meta.dirname, '..', 'packages', 'api', 'dist', 'main.js');
const secretKey = `sk_test_${randomBytes(24).toString('base64url')}`;

function startApi(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, PORT: '0', BILLINGOS_SECRET_KEY: secretKey, BILLINGOS_RATE_LIMIT: '1000000000/60', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1], stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) });
    });
    child.once('exit', (code) => reject(new Error(`the API exited with ${code} before listening:\n${output}`)));
  });
}

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

async function withScratchPostgres(url, run) {
  const name = `billingos_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const scratch = new URL(url);
    scratch.pathname = `/${name}`;
    return await run(scratch.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

console.log(`POST /v1/session-tokens (existing customer; then a new customer per request), ${connections} connections, ${duration} s each, autocannon; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
const rows = [];
const dataDir = mkdtempSync(join(tmpdir(), 'billingos-bench-'));
try {
  rows.push(await measure('PGlite (on disk)', { BILLINGOS_DATA_DIR: dataDir, DATABASE_URL: '' }));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (postgresUrl) rows.push(await withScratchPostgres(postgresUrl, (url) => measure('PostgreSQL', { DATABASE_URL: url })));
else console.log('(PostgreSQL skipped: set TEST_DATABASE_URL=postgres://… to measure it)');
console.table(rows);
if (rows.length === 2) console.log(`PostgreSQL / PGlite mint rate: ${(rows[1]['mint req/s'] / rows[0]['mint req/s']).toFixed(2)}`);
