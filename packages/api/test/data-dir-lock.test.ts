import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, lockDataDir } from '../src/storage/data-dir-lock';

let dir: string;
const lockFile = () => join(dir, 'billingos.lock');
const ago = (ms: number) => new Date(Date.now() - ms);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'billingos-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the PGlite data-folder lock', () => {
  test('is taken, refused to a second open from this process, and removed on release', () => {
    const release = lockDataDir(dir);
    expect(existsSync(lockFile())).toBe(true);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    release();
    expect(existsSync(lockFile())).toBe(false);
    lockDataDir(dir)();
  });

  test('a live holder on this host is named; a dead pid, or this very pid after a container restart, is taken over', () => {
    writeFileSync(lockFile(), `${process.ppid}@${hostname()}`);
    expect(() => lockDataDir(dir)).toThrow(`in use by another BillingOS API (pid ${process.ppid} on ${hostname()})`);
    writeFileSync(lockFile(), `999999999@${hostname()}`);
    lockDataDir(dir)();
    writeFileSync(lockFile(), `${process.pid}@${hostname()}`);
    lockDataDir(dir)();
  });

  test('a holder on another host counts while it keeps the lock fresh, and is abandoned 30 s after it stopped', () => {
    writeFileSync(lockFile(), '1@another-host');
    expect(() => lockDataDir(dir)).toThrow('pid 1 on another-host');
    utimesSync(lockFile(), ago(31_000), ago(31_000));
    lockDataDir(dir)();
  });

  test('a live pid that stopped touching the lock (a reused pid) is abandoned too', () => {
    writeFileSync(lockFile(), `${process.ppid}@${hostname()}`);
    utimesSync(lockFile(), ago(60_000), ago(60_000));
    lockDataDir(dir)();
  });
});
