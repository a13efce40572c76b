import { startApiProcess } from '../../../test-utils/api-process';
import type { ApiProcess } from '../../../test-utils/api-process';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { call } from './support/http';
import { postgresUrl } from './support/postgres-url';
import { sql } from './support/sql';

const pgUrl = postgresUrl();
const keys = generateMerchantKeys();
const FAIL_OPEN_WARNING = /Counting rate limits per node until storage answers again/g;

(pgUrl ? describe : describe.skip)('two API processes on one PostgreSQL (BILLINGOS_RATE_LIMIT=20/60)', () => {
  let scratch: ScratchDatabase;
  const nodes: ApiProcess[] = [];
  const node = (i: number) => nodes[i % nodes.length]!;

  beforeAll(async () => {
    scratch = await createScratchDatabase(pgUrl!);
    const env = {
      DATABASE_URL: scratch.url,
      BILLINGOS_SECRET_KEY: keys.secretKey,
      BILLINGOS_LIVE_SECRET_KEY: keys.liveSecretKey,
      BILLINGOS_PUBLISHABLE_KEY: keys.publishableKey,
      BILLINGOS_RATE_LIMIT: '20/60',
      // Each test that counts by client address names its own (a header only), so no test leans on another's window.
      TRUST_PROXY: '1',
    };
    // One after the other: the first migrates and seeds, and an ended window it left is swept by the second's start.
    nodes.push(await startApiProcess({ env }));
    await sql(scratch.url, "INSERT INTO rate_limits (key, window_start, resets_at, count) VALUES ('ip:ended', now() - interval '2 minutes', now() - interval '1 minute', 7)");
    nodes.push(await startApiProcess({ env }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((api) => api.stop()));
    await scratch?.drop();
  });

  test('a window that ended is swept', async () => {
    expect(await sql(scratch.url, "SELECT key FROM rate_limits WHERE key = 'ip:ended'")).toEqual([]);
  });

  test('30 requests alternating between the two: exactly the first 20 succeed', async () => {
    const responses = [];
    for (let i = 0; i < 30; i += 1) responses.push(await call(node(i).url, 'GET', '/v1/customers', { key: keys.secretKey }));
    expect(responses.map((response) => response.status)).toEqual([...Array(20).fill(200), ...Array(10).fill(429)]);
    for (const limited of responses.slice(20)) expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(responses[19]!.headers.get('ratelimit-remaining')).toBe('0');
  });

  test('30 requests at once across the two (another credential, its own window): exactly 20 succeed', async () => {
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => call(node(i).url, 'GET', '/v1/customers', { key: keys.liveSecretKey })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    const remaining = responses.filter((response) => response.status === 200).map((response) => Number(response.headers.get('ratelimit-remaining')));
    expect(remaining.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  test('refused credentials from one address count once across both: 20 answers of 401, then 429', async () => {
    const statuses: number[] = [];
    const guess = (i: number) => call(node(i).url, 'GET', '/v1/customers', { key: `sk_test_guess${i}xxxxxxxxxxxxxxxx`, headers: { 'X-Forwarded-For': '203.0.113.7' } });
    for (let i = 0; i < 26; i += 1) statuses.push((await guess(i)).status);
    expect(statuses).toEqual([...Array(20).fill(401), ...Array(6).fill(429)]);
  });

  test('when the counter table fails, requests are still served (counted per node), each node logs it once, and counting resumes', async () => {
    // The publishable key's own window: nothing before this test counted it.
    const catalog = (i: number) => call(node(i).url, 'GET', '/v1/products', { key: keys.publishableKey });
    const statuses: number[] = [];
    await sql(scratch.url, 'ALTER TABLE rate_limits RENAME TO rate_limits_away');
    try {
      for (let i = 0; i < 6; i += 1) statuses.push((await catalog(i)).status);
    } finally {
      await sql(scratch.url, 'ALTER TABLE rate_limits_away RENAME TO rate_limits');
    }
    expect(statuses).toEqual(Array(6).fill(200));
    for (const api of nodes) expect(api.output().match(FAIL_OPEN_WARNING)).toHaveLength(1);
    // Shared counting resumes from the table, which did not see the outage's 6: 20 more, then 429 on either node.
    const after: number[] = [];
    for (let i = 0; i < 22; i += 1) after.push((await catalog(i)).status);
    expect(after).toEqual([...Array(20).fill(200), 429, 429]);
  });
});
