import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port';

const nextBin = require.resolve('next/dist/bin/next');

export interface RunningNextApp {
  url: string;
  /** Stops `next start`, resolved once it has exited. */
  stop(): Promise<void>;
}

function next(dir: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, [nextBin, ...args], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.resume();
  return child;
}

/** `next build` in `dir` with `env` (the `NEXT_PUBLIC_` variables it inlines); rejects with the exit code when the build fails. */
export async function buildNextApp(dir: string, env: Record<string, string> = {}): Promise<void> {
  const code = await new Promise((resolve) => next(dir, ['build'], env).on('exit', resolve));
  if (code !== 0) throw new Error(`next build in ${dir} exited with ${code}`);
}

/** `next start` on a free loopback port with `env`, resolved once the app answers. */
export async function startNextApp(dir: string, env: Record<string, string>): Promise<RunningNextApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = next(dir, ['start', '-p', String(port), '-H', '127.0.0.1'], env);
  let running = true;
  child.on('exit', () => (running = false));
  while (running) {
    if (await fetch(url).then((response) => response.status < 500, () => false)) return { url, stop: () => stopChild(child) };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start in ${dir} exited before it served the app`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  return exited;
}
