import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import { PGliteDatabase } from '../src/storage/pglite-database';
import { isPrivate, privateTempDir } from '../src/storage/private-temp-dir';
import { client, expectError } from './support/http';

describe('a crashed PGlite worker', () => {
  test('reports the crash once, and every request answers 503 storage_unavailable instead of hanging or a 500', async () => {
    const crashes: Error[] = [];
    const server = await startApiServer({ port: 0, keys: generateMerchantKeys(), onStorageCrash: (error) => crashes.push(error) });
    const api = client(server.url);
    try {
      await (server.database as PGliteDatabase).terminateWorker();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(crashes.map((error) => error.message)).toEqual([expect.stringContaining('The PGlite worker stopped')]);
      expectError(await api('GET', '/v1/customers', { key: 'sk_test_unknown_but_well_formed_123' }), 503, 'api_error', 'storage_unavailable');
      expect((await api('GET', '/health')).status).toBe(503);
    } finally {
      await server.close().catch(() => undefined);
    }
  });

  test('closing is not a crash', async () => {
    const crashes: Error[] = [];
    const server = await startApiServer({ port: 0, keys: generateMerchantKeys(), onStorageCrash: (error) => crashes.push(error) });
    await server.close();
    expect(crashes).toEqual([]);
  });
});

describe('the in-memory image folder', () => {
  const base = mkdtempSync(join(tmpdir(), 'billingos-private-'));
  const uid = process.getuid!();
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test('is created 0700 for this user and used', () => {
    const dir = privateTempDir(base);
    expect(dir).toBe(join(base, `billingos-${uid}`));
    expect(isPrivate(dir!)).toBe(true);
  });

  test('is refused when somebody made it first: open to others, a symlink, or another owner', () => {
    const open = mkdtempSync(join(tmpdir(), 'billingos-open-'));
    mkdirSync(join(open, `billingos-${uid}`));
    chmodSync(join(open, `billingos-${uid}`), 0o777);
    expect(privateTempDir(open)).toBeUndefined();

    const linked = mkdtempSync(join(tmpdir(), 'billingos-link-'));
    symlinkSync(base, join(linked, `billingos-${uid}`));
    expect(privateTempDir(linked)).toBeUndefined();

    if (uid === 0) {
      const foreign = mkdtempSync(join(tmpdir(), 'billingos-foreign-'));
      mkdirSync(join(foreign, `billingos-${uid}`), { mode: 0o700 });
      chownSync(join(foreign, `billingos-${uid}`), 65534, 65534);
      expect(privateTempDir(foreign)).toBeUndefined();
      rmSync(foreign, { recursive: true, force: true });
    }
    for (const dir of [open, linked]) rmSync(dir, { recursive: true, force: true });
  });

  test('an image file others may write is not trusted', () => {
    const file = join(privateTempDir(base)!, 'image.tar');
    writeFileSync(file, 'x', { mode: 0o600 });
    expect(isPrivate(file)).toBe(true);
    chmodSync(file, 0o666);
    expect(isPrivate(file)).toBe(false);
  });
});
