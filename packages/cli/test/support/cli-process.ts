import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The built bin, spawned as users run it.
const PACKAGE = join(__dirname, '..', '..');
export const BIN = join(PACKAGE, 'dist', 'bin.js');

/** Fails when dist is missing or older than src, so a test never runs yesterday's CLI. */
export function assertBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((entry) => (entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs)));
  let built = 0;
  try {
    built = statSync(BIN).mtimeMs;
  } catch {
    // reported below
  }
  if (built < newest(join(PACKAGE, 'src'))) throw new Error('packages/cli/dist is missing or older than src: run `npm run build -w @billingos/cli`.');
}

/** A home of its own (HOME and XDG_CONFIG_HOME), so no test reads or writes the real ~/.config. */
export function scratchHome(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'billingos-cli-'));
  return { HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
}

export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

/** `node dist/bin.js <args>` with only PATH, NODE_ENV and `env` in its environment. */
export function spawnCli(args: string[], env: Record<string, string>): Spawned {
  return watch(spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** The bin on a pseudo-terminal (util-linux `script`), so it sees a TTY on stdin as in a shell; write to `child.stdin` to type. */
export function spawnCliOnTerminal(args: string[], env: Record<string, string>): Spawned {
  const command = [process.execPath, BIN, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  return watch(spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', TERM: 'dumb', ...env }, stdio: ['pipe', 'pipe', 'pipe'] }));
}

const running = new Set<ChildProcess>();

/** Kills what a failed test left running (a listener, a prompt waiting for input), so Jest can exit; call it in `afterAll`. */
export async function killStragglers(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }),
  );
}

function watch(child: ChildProcess): Spawned {
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code: number | null) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForOutput: (pattern, timeoutMs = 20_000) => until(() => pattern.exec(stdout) ?? undefined, () => `${pattern}; stdout:\n${stdout}\nstderr:\n${stderr}`, timeoutMs),
  };
}

/** Polls `probe` every 50 ms until it returns something, failing after `timeoutMs`. */
export async function until<T>(probe: () => T | undefined, what: () => string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
