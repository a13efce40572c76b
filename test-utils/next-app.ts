import { spawn, type ChildProcess } from 'node:child_process';

const nextBin = require.resolve('next/dist/bin/next');

export interface RunningNextApp {
  url: string;
  /** Stops `next start`, resolved once it has exited. */
  stop(): Promise<void>;
}

export interface StartNextAppOptions {
  /** The page that must answer 2xx or 3xx before the app counts as ready. @default '/' */
  readyPath?: string;
  /** How long `next start` may take to listen and serve that page. @default 60_000 */
  timeoutMs?: number;
}

function next(dir: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Everything `child` prints, colours stripped. */
function collectOutput(child: ChildProcess): () => string {
  let output = '';
  const add = (chunk: Buffer) => (output += chunk.toString().replace(/\x1b\[[0-9;]*m/g, ''));
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => output;
}

/** `next build` in `dir` with `env` (the `NEXT_PUBLIC_` variables it inlines); rejects with the exit code and output when the build fails. */
export async function buildNextApp(dir: string, env: Record<string, string> = {}): Promise<void> {
  const child = next(dir, ['build'], env);
  const output = collectOutput(child);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`next build in ${dir} exited with ${code}:\n${output()}`);
}

/**
 * `next start` on a loopback port the system picks (`-p 0`; Next prints the URL it listens on),
 * with `env`; resolved once the listening app answers `readyPath` with a 2xx or 3xx.
 */
export async function startNextApp(dir: string, env: Record<string, string>, options: StartNextAppOptions = {}): Promise<RunningNextApp> {
  const { readyPath = '/', timeoutMs = 60_000 } = options;
  const deadline = Date.now() + timeoutMs;
  const child = next(dir, ['start', '-p', '0', '-H', '127.0.0.1'], env);
  const output = collectOutput(child);
  const failure = async (why: string) => {
    await stopChild(child);
    return new Error(`next start in ${dir} ${why}:\n${output()}`);
  };
  let url: string | undefined;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw await failure(`exited (${child.exitCode ?? child.signalCode}) before it served ${readyPath}`);
    url ??= /- Local:\s+(http:\/\/127\.0\.0\.1:[1-9]\d*)/.exec(output())?.[1];
    if (url && (await answersReady(`${url}${readyPath}`, deadline))) return { url, stop: () => stopChild(child) };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw await failure(url ? `did not answer ${readyPath} with a 2xx or 3xx within ${timeoutMs} ms` : `printed no URL within ${timeoutMs} ms`);
}

async function answersReady(url: string, deadline: number): Promise<boolean> {
  const signal = AbortSignal.timeout(Math.max(Math.min(5_000, deadline - Date.now()), 1));
  try {
    const response = await fetch(url, { redirect: 'manual', signal });
    await response.body?.cancel();
    return response.status >= 200 && response.status < 400;
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  return exited;
}
