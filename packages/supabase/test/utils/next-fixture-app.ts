import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
const NEXT_BIN = join(ROOT, 'node_modules/next/dist/bin/next');

/**
 * A Next.js app (test/fixtures/next-app) installed the way a merchant installs it: the
 * *built* @billingos packages copied into its node_modules (not the monorepo sources),
 * every other dependency linked to the monorepo's.
 */
export class NextFixtureApp {
  readonly #dir: string;
  #server: ChildProcess | undefined;

  private constructor(dir: string) {
    this.#dir = dir;
  }

  static async create(): Promise<NextFixtureApp> {
    const dir = await mkdtemp(join(tmpdir(), 'billingos-next-'));
    await cp(join(__dirname, '../fixtures/next-app'), dir, { recursive: true });
    await mkdir(join(dir, 'node_modules/@billingos'), { recursive: true });
    for (const name of await readdir(join(ROOT, 'node_modules'))) {
      if (name !== '@billingos') await symlink(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
    }
    for (const name of ['node', 'supabase']) {
      const target = join(dir, 'node_modules/@billingos', name);
      await cp(join(ROOT, 'packages', name, 'package.json'), join(target, 'package.json'));
      await cp(join(ROOT, 'packages', name, 'dist'), join(target, 'dist'), { recursive: true });
    }
    return new NextFixtureApp(dir);
  }

  build(): Promise<string> {
    return run(spawn(process.execPath, [NEXT_BIN, 'build'], { cwd: this.#dir, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } }));
  }

  /** `next start` on a free loopback port with `env`; resolves to the app's URL once it is ready. */
  async start(env: Record<string, string>): Promise<string> {
    const port = await freePort();
    const server = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: this.#dir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    });
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`next start exited with ${code}: ${output}`)));
    });
    return `http://127.0.0.1:${port}`;
  }

  async dispose(): Promise<void> {
    if (this.#server && this.#server.exitCode === null) {
      const exited = new Promise((resolve) => this.#server?.once('exit', resolve));
      this.#server.kill('SIGTERM');
      await exited;
    }
    await rm(this.#dir, { recursive: true, force: true });
  }
}

function run(child: ChildProcess): Promise<string> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`next build failed (${code}):\n${output}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
