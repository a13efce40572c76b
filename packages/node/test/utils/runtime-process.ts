import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A server running in another runtime's binary (Bun, Deno, workerd), in its own process group. */
export interface RuntimeProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** What it printed on stdout once listening (after `listening <port>`). */
  banner: string;
  /** Everything it printed so far, stdout and stderr, for failure messages. */
  output(): string;
  /** Kills the whole process group and waits (at most 5 s) for the exit. */
  stop(): Promise<void>;
}

export interface RuntimeProcessOptions {
  name: string;
  binary: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Known in advance (workerd's config names it); otherwise read from a `listening <port>` line. */
  port?: number;
  /** @default 30_000 */
  startTimeoutMs?: number;
}

/** Fails, never skips, when a runtime the devDependencies ship is absent. */
export function assertBinary(name: string, binary: string, dependency: string): void {
  if (!existsSync(binary)) {
    throw new Error(`${name} is missing at ${binary}: it comes with the root devDependency ${dependency} (npm ci installs it on linux-x64).`);
  }
}

/**
 * Spawns the runtime and resolves once `GET /ready` answers 200; rejects with its output if it
 * exits first or is not ready in time.
 */
export async function startRuntimeProcess(options: RuntimeProcessOptions): Promise<RuntimeProcess> {
  const child = spawn(options.binary, options.args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`exited (code ${code}, signal ${signal})`));
    child.once('error', (error) => resolve(`could not start: ${error.message}`));
  });
  let exitReason: string | undefined;
  void exited.then((reason) => (exitReason = reason));

  const stop = async () => {
    if (exitReason === undefined && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  let lastError = 'not listening yet';
  while (Date.now() < deadline && exitReason === undefined) {
    const match = /listening (\d+)(.*)/.exec(output);
    const port = options.port ?? (match ? Number(match[1]) : undefined);
    if (port !== undefined) {
      const response = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(2_000) }).catch((error: Error) => error);
      if (response instanceof Response && response.ok) {
        return { url: `http://127.0.0.1:${port}`, banner: match?.[2]?.trim() ?? '', output: () => output, stop };
      }
      lastError = response instanceof Response ? `GET /ready answered ${response.status}` : String(response.cause ?? response);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`${options.name} did not become ready (${exitReason ?? lastError}). Its output:\n${output}`);
}

/** Runs `check`; a failure carries the runtime's output, so a crash inside it is visible. */
export async function withOutput(runtime: RuntimeProcess, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof Error) error.message += `\n\n--- runtime output ---\n${runtime.output() || '(none)'}`;
    throw error;
  }
}
