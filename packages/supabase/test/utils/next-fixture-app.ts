import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildNextApp, startNextApp, type RunningNextApp } from '../../../../test-utils/next-app';

const ROOT = join(__dirname, '../../../..');

/**
 * A Next.js app (test/fixtures/next-app, or the fixture's next.config.mjs and the `files` you
 * give) installed the way a merchant installs it: the *built* @billingos packages copied into
 * its node_modules (not the monorepo sources), every other dependency linked to the monorepo's.
 */
export class NextFixtureApp {
  readonly #dir: string;
  #server: RunningNextApp | undefined;

  private constructor(dir: string) {
    this.#dir = dir;
  }

  static async create(files?: Record<string, string>): Promise<NextFixtureApp> {
    const dir = await mkdtemp(join(tmpdir(), 'billingos-next-'));
    if (files) {
      await cp(join(__dirname, '../fixtures/next-app/next.config.mjs'), join(dir, 'next.config.mjs'));
      // The README starts from a create-next-app app, whose layout imports its own app/globals.css.
      await mkdir(join(dir, 'app'), { recursive: true });
      await writeFile(join(dir, 'app/globals.css'), 'body { margin: 0; }\n');
      for (const [path, code] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), code);
      }
    } else {
      await cp(join(__dirname, '../fixtures/next-app'), dir, { recursive: true });
    }
    await mkdir(join(dir, 'node_modules/@billingos'), { recursive: true });
    for (const name of await readdir(join(ROOT, 'node_modules'))) {
      if (name !== '@billingos') await symlink(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
    }
    for (const name of ['node', 'supabase', 'sdk']) {
      const target = join(dir, 'node_modules/@billingos', name);
      await cp(join(ROOT, 'packages', name, 'package.json'), join(target, 'package.json'));
      await cp(join(ROOT, 'packages', name, 'dist'), join(target, 'dist'), { recursive: true });
    }
    return new NextFixtureApp(dir);
  }

  /** `next build`, with the `NEXT_PUBLIC_` variables it inlines in `env`. */
  build(env?: Record<string, string>): Promise<void> {
    return buildNextApp(this.#dir, env);
  }

  /** The app's folder (to read what `next build` wrote). */
  get dir(): string {
    return this.#dir;
  }

  /** `next start` on a free loopback port with `env`; resolves to the app's URL once `readyPath` answers. */
  async start(env: Record<string, string>, readyPath = '/'): Promise<string> {
    this.#server = await startNextApp(this.#dir, env, { readyPath });
    return this.#server.url;
  }

  async dispose(): Promise<void> {
    await this.#server?.stop();
    await rm(this.#dir, { recursive: true, force: true });
  }
}
