import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiProcess } from '../../../test-utils/api-process';
import type { ApiProcess } from '../../../test-utils/api-process';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { call } from './support/http';
import type { ApiResponse } from './support/http';

const keys = generateMerchantKeys();
let dataDir: string;
const env = () => ({ BILLINGOS_DATA_DIR: dataDir, BILLINGOS_SECRET_KEY: keys.secretKey });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'billingos-pglite-processes-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** One customer per index, sent with its own Idempotency-Key: what a careful client's retry sends again. */
const write = (url: string, i: number) =>
  call(url, 'POST', '/v1/customers', { key: keys.secretKey, body: { externalUserId: `killed_${i}` }, headers: { 'Idempotency-Key': `kill-key-${i}` } });

describe('one PGlite data folder, several processes', () => {
  let first: ApiProcess;
  beforeAll(async () => {
    first = await startApiProcess({ env: env() });
  }, 120_000);
  afterAll(() => first.stop('SIGKILL'));

  test('a second process on the same folder stops with a message naming the first one’s pid', async () => {
    await expect(startApiProcess({ env: env() })).rejects.toThrow(new RegExp(`exited \\(1\\)[\\s\\S]*in use by another BillingOS API \\(pid ${first.pid}\\b`));
    expect((await call(first.url, 'GET', '/health')).status).toBe(200);
  }, 60_000);

  test('kill -9 during idempotent writes, restart on the folder, replay every key: exactly one row per key', async () => {
    const total = 150;
    const acknowledged = new Map<number, ApiResponse>();
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const response = await write(first.url, i).catch(() => undefined);
        if (response?.status === 201) acknowledged.set(i, response);
      }
    };
    const workers = Promise.all(Array.from({ length: 8 }, worker));
    const deadline = Date.now() + 30_000;
    while (acknowledged.size < total / 3) {
      if (Date.now() > deadline) throw new Error(`only ${acknowledged.size} of ${total} writes were acknowledged within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');
    await workers;
    expect(acknowledged.size).toBeLessThan(total);

    let second: ApiProcess | undefined;
    try {
      second = await startApiProcess({ env: env() });
      const replays = [];
      for (let i = 0; i < total; i += 1) replays.push(await write(second.url, i));
      expect(replays.map((response) => response.status)).toEqual(Array(total).fill(201));
      for (const [i, original] of acknowledged) {
        expect(replays[i]!.headers.get('idempotent-replayed')).toBe('true');
        expect(replays[i]!.body.id).toBe(original.body.id);
      }
      const rows = await listAll(second.url);
      expect(rows.length).toBe(total);
      expect(new Set(rows).size).toBe(total);
    } finally {
      await second?.stop();
    }
  }, 180_000);
});

async function listAll(url: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(url, 'GET', `/v1/customers?limit=100${cursor ? `&startingAfter=${cursor}` : ''}`, { key: keys.secretKey });
    ids.push(...page.body.data.map((customer: { externalUserId: string }) => customer.externalUserId));
    cursor = page.body.hasMore ? page.body.nextCursor : undefined;
  } while (cursor);
  return ids;
}
