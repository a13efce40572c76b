import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** A PostgreSQL server of a test's own, so the test may stop and restart it without disturbing others. */
export interface PostgresCluster {
  url: string;
  stop(): void;
  start(): void;
  /** Stops the server and deletes its files. */
  destroy(): void;
}

/** The newest Debian PostgreSQL's bin folder, or undefined when none is installed. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((version) => existsSync(join(root, version, 'bin', 'initdb')));
  const newest = versions.sort((a, b) => Number(a) - Number(b)).pop();
  return newest && join(root, newest, 'bin');
}

/**
 * `initdb` + `pg_ctl start` in a temporary folder on a free loopback port (as the `postgres`
 * user when this runs as root, which initdb refuses).
 *
 * @example
 * const pg = await startPostgresCluster(postgresBinDir()!);
 * pg.stop(); pg.start();
 * pg.destroy();
 */
export async function startPostgresCluster(binDir: string): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'billingos-pgcluster-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(run('id', ['-u', 'postgres'], false)), Number(run('id', ['-g', 'postgres'], false)));
  const data = join(dir, 'data');
  const pgCtl = (args: string) => run(join(binDir, 'pg_ctl'), ['-D', data, ...args.split(' ')], asRoot);
  run(join(binDir, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8'], asRoot);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run(join(binDir, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'], asRoot);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => pgCtl('-m fast -w stop'),
    start,
    destroy: () => {
      try {
        pgCtl('-m immediate -w stop');
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function run(command: string, args: string[], asPostgres: boolean): string {
  if (!asPostgres) return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const line = [command, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  return execFileSync('su', ['postgres', '-c', line], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}
