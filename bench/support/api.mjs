// What the API benchmarks share: the built bin started as its own process with a known secret key,
// and a scratch PostgreSQL database created and dropped around a run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const main = join(import.meta.dirname, '..', '..', 'packages', 'api', 'dist', 'main.js');

export const secretKey = `sk_test_${randomBytes(24).toString('base64url')}`;

/** `node packages/api/dist/main.js` on a free port, rate limits out of the way; resolves once it listens. */
export function startApi(env) {
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

/** Runs `run(url)` against a fresh database on the PostgreSQL at `url`, dropped afterwards. */
export async function withScratchPostgres(url, run) {
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

/** The PostgreSQL to measure on, if any (a scratch database is made on it). */
export const benchPostgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

/** `measure(label, env)` on PGlite (a fresh data folder) and, when one is configured, on a scratch PostgreSQL database. */
export async function onBothStorages(measure) {
  const rows = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'billingos-bench-'));
  try {
    rows.push(await measure('PGlite (on disk)', { BILLINGOS_DATA_DIR: dataDir, DATABASE_URL: '' }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (benchPostgresUrl) rows.push(await withScratchPostgres(benchPostgresUrl, (url) => measure('PostgreSQL', { DATABASE_URL: url })));
  else console.log('(PostgreSQL skipped: set TEST_DATABASE_URL=postgres://… to measure it)');
  return rows;
}
