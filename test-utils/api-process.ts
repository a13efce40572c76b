import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const API_DIR = join(__dirname, '..', 'packages', 'api');
const MAIN = join(API_DIR, 'dist', 'main.js');

/** A `billingos-api` running as its own operating-system process, as users run it. */
export interface ApiProcess {
  url: string;
  pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (default SIGTERM) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ApiProcessOptions {
  /** Environment on top of a clean one (PATH and HOME are kept); without PORT it listens on a port the system picks (PORT=0) and `url` is the one it prints. */
  env?: Record<string, string>;
  /** @default 60_000 */
  startTimeoutMs?: number;
}

/**
 * Starts the built bin (`packages/api/dist/main.js`) and resolves once it listens.
 * Rejects with its output if it exits first.
 *
 * @example
 * const api = await startApiProcess({ env: { DATABASE_URL: url, BILLINGOS_SECRET_KEY: keys.secretKey } });
 * await api.stop('SIGKILL');
 */
export async function startApiProcess(options: ApiProcessOptions = {}): Promise<ApiProcess> {
  assertBuilt();
  // PORT=0: the process binds a port the system picks and prints its URL, so no port chosen here can be taken before it binds.
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: process.env.TMPDIR ?? '/tmp', PORT: '0', ...options.env };
  const child = spawn(process.execPath, [MAIN], {
    env: { ...env, NODE_ENV: 'production' as const },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`billingos-api did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${output}`));
    }, options.startTimeoutMs ?? 60_000);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`billingos-api exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Tests of the process run the build: a build older than the sources would test old code. */
function assertBuilt(): void {
  const built = mtime(MAIN);
  if (built === 0) throw new Error('packages/api/dist/main.js is missing: run `npm run build -w @billingos/api` (npm ci does it).');
  const newest = newestMtime(join(API_DIR, 'src'));
  if (newest > built) throw new Error('packages/api/dist is older than packages/api/src: run `npm run build -w @billingos/api`.');
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : mtime(path));
  }
  return newest;
}
