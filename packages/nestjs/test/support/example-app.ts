import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
export const exampleDir = join(root, 'examples', 'nestjs');

/** Compiles examples/nestjs with its own tsconfig, against the built packages, as a merchant would. */
export function buildExample(): void {
  for (const pkg of ['node', 'nestjs']) {
    if (!existsSync(join(root, 'packages', pkg, 'dist', 'index.cjs'))) {
      throw new Error(`packages/${pkg}/dist is missing: run \`npm run build\` (npm ci does) before this test.`);
    }
  }
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(exampleDir, 'tsconfig.json')], {
      stdio: 'pipe',
    });
  } catch (error) {
    const { stdout = '' } = error as { stdout?: Buffer | string };
    throw new Error(`examples/nestjs does not compile (stale packages/*/dist? run \`npm run build\`):\n${stdout.toString()}`);
  }
}

export interface RunningExample {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts the built example (`node dist/main.js`) and waits until it listens. */
export async function startExample(port: number, env: Record<string, string>): Promise<RunningExample> {
  const child = spawn(process.execPath, [join(exampleDir, 'dist', 'main.js')], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForListening(child, () => output);
  return { url: `http://127.0.0.1:${port}`, output: () => output, stop: () => stop(child) };
}

function waitForListening(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`example did not start:\n${output()}`)), 20_000);
    const check = () => {
      if (!output().includes('listening on')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`example exited with ${code}:\n${output()}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
