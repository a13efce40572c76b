import { setTimeout as sleep } from 'node:timers/promises';
import { startApiProcess } from '../../../test-utils/api-process';
import type { ApiProcess } from '../../../test-utils/api-process';
import { postgresBinDir, startPostgresCluster } from '../../../test-utils/postgres-cluster';
import type { PostgresCluster } from '../../../test-utils/postgres-cluster';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { client } from './support/http';

const binDir = postgresBinDir();
if (!binDir && process.env.CI) throw new Error('PostgreSQL binaries are missing: .ci/run installs Debian postgresql for this suite.');
const describeWithPostgres = binDir ? describe : describe.skip;

interface Outcome {
  status: number;
  retryAfter: string | null;
  code: string | undefined;
}

/**
 * A PostgreSQL of the test's own is stopped and started again under load: the API process
 * must live, answer 503 with Retry-After in the gap, and serve again by itself afterwards.
 */
describeWithPostgres('PostgreSQL outage under load', () => {
  const keys = generateMerchantKeys();
  let pg: PostgresCluster;
  let api: ApiProcess;

  beforeAll(async () => {
    pg = await startPostgresCluster(binDir!);
    api = await startApiProcess({ env: { DATABASE_URL: pg.url, BILLINGOS_SECRET_KEY: keys.secretKey } });
  }, 90_000);
  afterAll(async () => {
    await api?.stop('SIGKILL');
    pg?.destroy();
  });

  test('a restart: the process lives, requests in the gap get 503 + Retry-After, then succeed again', async () => {
    const call = client(api.url);
    const outcomes: Outcome[] = [];
    let running = true;
    let n = 0;
    const worker = async () => {
      while (running) {
        n += 1;
        const response = await call('POST', '/v1/session-tokens', { key: keys.secretKey, body: { externalUserId: `load_${n % 50}` } });
        outcomes.push({ status: response.status, retryAfter: response.headers.get('retry-after'), code: response.body?.error?.code });
        if (response.status !== 201) await sleep(50);
      }
    };
    const workers = [worker(), worker(), worker(), worker()];
    await sleep(500);
    pg.stop();
    await sleep(2_000);
    const health = await call('GET', '/health');
    pg.start();
    await waitFor(async () => (await call('GET', '/health')).status === 200, 20_000);
    await sleep(500);
    const before = outcomes.length;
    await sleep(1_000);
    running = false;
    await Promise.all(workers);

    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toMatch(/^\d+$/);
    const unavailable = outcomes.filter((outcome) => outcome.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const outcome of unavailable) expect(outcome).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/), code: 'storage_unavailable' });
    expect(outcomes.filter((outcome) => outcome.status !== 201 && outcome.status !== 503)).toEqual([]);
    expect(outcomes.slice(before).every((outcome) => outcome.status === 201)).toBe(true);
    expect(outcomes.length - before).toBeGreaterThan(0);
    expect(await Promise.race([api.exited.then(() => 'exited'), sleep(100).then(() => 'alive')])).toBe('alive');
  }, 90_000);

  test('connections killed by the server (pg_terminate_backend) are replaced without a failed request after the first', async () => {
    const call = client(api.url);
    await call('POST', '/v1/session-tokens', { key: keys.secretKey, body: { externalUserId: 'before_terminate' } });
    const admin = new (await import('pg')).Client({ connectionString: pg.url });
    await admin.connect();
    try {
      const killed = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'");
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await sleep(200);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await call('GET', '/v1/customers', { key: keys.secretKey })).status);
    // The pool drops the killed idle connections as the server closes them: at most the first request finds one.
    expect(statuses.slice(1)).toEqual(Array(19).fill(200));
    expect([200, 503]).toContain(statuses[0]);
    expect(await Promise.race([api.exited.then(() => 'exited'), sleep(100).then(() => 'alive')])).toBe('alive');
  }, 60_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`Condition not met within ${timeoutMs} ms`);
}
