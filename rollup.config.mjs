// One build for every library package: ESM (.js) + CJS (.cjs), each with its own types (.d.ts / .d.cts).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

/**
 * @param {object} options
 * @param {string} options.cwd the package folder (pass `import.meta.dirname` or `process.cwd()`)
 * @param {Record<string, string>} options.entries output name → source file, e.g. `{ index: 'src/index.ts' }`
 * @param {string} [options.banner] prepended to every JS file (e.g. `'use client';`)
 */
export function createConfig({ cwd = process.cwd(), entries, banner }) {
  const pkg = JSON.parse(readFileSync(resolve(cwd, 'package.json'), 'utf8'));
  const deps = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
  ];
  const external = (id) =>
    id.startsWith('node:') ||
    builtinModules.includes(id) ||
    deps.some((dep) => id === dep || id.startsWith(`${dep}/`));
  const input = Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, resolve(cwd, file)]));
  const tsconfig = resolve(cwd, 'tsconfig.build.json');

  const js = {
    input,
    external,
    plugins: [typescript({ tsconfig, declaration: false, declarationMap: false, sourceMap: true, outDir: resolve(cwd, 'dist') })],
    output: [
      { dir: resolve(cwd, 'dist'), format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true, banner },
      { dir: resolve(cwd, 'dist'), format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', sourcemap: true, banner, exports: 'named', interop: 'auto' },
    ],
    onwarn(warning, warn) {
      if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
      warn(warning);
    },
  };

  // One types build per entry, so no shared type chunk needs a cross-format import.
  const types = Object.entries(input).map(([name, file]) => ({
    input: { [name]: file },
    external,
    plugins: [dts({ tsconfig, compilerOptions: { paths: {} } })],
    output: [
      { dir: resolve(cwd, 'dist'), format: 'es', entryFileNames: '[name].d.ts' },
      { dir: resolve(cwd, 'dist'), format: 'es', entryFileNames: '[name].d.cts' },
    ],
  }));

  return [js, ...types];
}
