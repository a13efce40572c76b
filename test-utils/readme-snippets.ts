import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

/** A code block a README marks `<!-- typecheck -->`, or `<!-- typecheck app/layout.tsx -->` to give it a file path. */
export interface Snippet {
  lang: 'ts' | 'tsx' | 'js';
  code: string;
  /** Where the snippet lives in the merchant's project, so other snippets (and an app built from them) can use it. */
  path?: string;
}

/** Every ```ts, ```tsx or ```js block of `readme` preceded by a `<!-- typecheck [path] -->` line. */
export async function markedSnippets(readme: string): Promise<Snippet[]> {
  const text = await readFile(readme, 'utf8');
  return [...text.matchAll(/^ *<!-- typecheck(?: (\S+))? -->\n( *)```(tsx|ts|js)\n([\s\S]*?)\n\2```/gm)].map(([, path, indent, lang, code]) => ({
    lang: lang as Snippet['lang'],
    code: code!.replace(new RegExp(`^${indent}`, 'gm'), ''),
    ...(path && { path }),
  }));
}

export interface TypecheckOptions {
  /**
   * `node16`: a Node project (anonymous snippets are ES modules, `.mts`/`.mjs`; `.ts` paths are CommonJS).
   * `bundler`: a Next.js or Vite project (`moduleResolution: bundler`, `jsx: react-jsx`).
   */
  resolution: 'node16' | 'bundler';
  /** A global declarations file: what the snippets call but do not define (the merchant's own code, `declare module '@/lib/auth'`). */
  declarations?: string;
  /** Files of the merchant's project the snippets import by relative path (`src/users/users.module.ts`). */
  files?: Record<string, string>;
  /** More `tsc` flags (`--experimentalDecorators`). */
  flags?: string[];
}

const FLAGS = {
  node16: ['--module', 'node16', '--moduleResolution', 'node16'],
  bundler: ['--module', 'esnext', '--moduleResolution', 'bundler', '--jsx', 'react-jsx'],
};
const EXTENSIONS = { node16: { ts: '.mts', tsx: '.tsx', js: '.mjs' }, bundler: { ts: '.ts', tsx: '.tsx', js: '.js' } };

/**
 * Type-checks `snippets` as pasted into a project whose node_modules is the monorepo's, so
 * `@billingos/*` resolve through their `exports` to the *built* packages (strict, ES2022,
 * skipLibCheck). Resolves to tsc's report: empty when every snippet compiles.
 */
export async function typecheckSnippets(snippets: Snippet[], options: TypecheckOptions): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'billingos-readme-'));
  try {
    await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const files: Record<string, string> = { ...options.files };
    if (options.declarations) files['snippet-declarations.d.ts'] = options.declarations;
    snippets.forEach((snippet, index) => {
      const path = snippet.path ?? `snippet-${index + 1}${EXTENSIONS[options.resolution][snippet.lang]}`;
      if (path in files) throw new Error(`two snippets are marked <!-- typecheck ${path} -->`);
      files[path] = snippet.code;
    });
    for (const [path, code] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), code);
    }
    const flags = ['--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom,dom.iterable', '--types', 'node', '--skipLibCheck', ...FLAGS[options.resolution]];
    if (snippets.some((snippet) => snippet.lang === 'js')) flags.push('--allowJs', '--checkJs');
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, ...flags, ...(options.flags ?? []), ...Object.keys(files)], { cwd: dir }).catch(
      (error: { stdout: string; stderr: string; code?: number }) => error,
    );
    // tsc exits 0 (clean) or 2 (type errors, listed on stdout); anything else means it never checked
    const code = 'code' in result ? result.code : 0;
    if (code !== 0 && code !== 2) throw new Error(`tsc did not run to the end (exit ${String(code)}): ${result.stderr || result.stdout}`);
    return result.stdout + result.stderr;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
