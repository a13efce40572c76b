// One build for every library package: ESM (.js) + CJS (.cjs), each with its own types (.d.ts / .d.cts).
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

/**
 * @param {object} options
 * @param {string} options.cwd the package folder (pass `import.meta.dirname` or `process.cwd()`)
 * @param {Record<string, string>} options.entries output name → source file, e.g. `{ index: 'src/index.ts' }`
 * @param {string} [options.banner] prepended to every JS file (e.g. `'use client';`)
 * @param {Record<string, string>} [options.inline] dependencies bundled into the output (code and
 *   types) rather than imported: package name → the file of its ESM build to start from
 */
export function createConfig({ cwd = process.cwd(), entries, banner, inline = {} }) {
  const pkg = JSON.parse(readFileSync(resolve(cwd, 'package.json'), 'utf8'));
  // A fresh dist: chunk names carry content hashes, so an old build's chunks would be packed too.
  rmSync(resolve(cwd, 'dist'), { recursive: true, force: true });
  const deps = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
  ];
  const external = (id) =>
    !(id in inline) &&
    (id.startsWith('node:') || builtinModules.includes(id) || deps.some((dep) => id === dep || id.startsWith(`${dep}/`)));
  const input = Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, resolve(cwd, file)]));
  const tsconfig = resolve(cwd, 'tsconfig.build.json');

  const js = {
    input,
    external,
    plugins: [
      inlineDependencies(cwd, inline),
      typescript({ tsconfig, declaration: false, declarationMap: false, sourceMap: true, outDir: resolve(cwd, 'dist') }),
    ],
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
    // respectExternal: the inlined dependencies' declarations are copied in as well
    // includeExternal: the private @billingos/contract's types are copied in, so no published
    // package imports it
    plugins: [dts({ tsconfig, compilerOptions: { paths: {} }, respectExternal: Object.keys(inline).length > 0, includeExternal: ['@billingos/contract'] })],
    output: [
      { dir: resolve(cwd, 'dist'), format: 'es', entryFileNames: '[name].d.ts' },
      { dir: resolve(cwd, 'dist'), format: 'es', entryFileNames: '[name].d.cts' },
    ],
  }));

  return [js, ...types];
}

/**
 * Resolves each inlined package to the ESM build named in `inline`, and `tslib` (which such
 * builds import helpers from) to tslib 2's ES module, whose helpers tree-shake one by one.
 */
function inlineDependencies(cwd, inline) {
  const require = createRequire(resolve(cwd, 'package.json'));
  const tslib = resolve(dirname(createRequire(import.meta.url).resolve('tslib/package.json')), 'tslib.es6.mjs');
  const roots = Object.keys(inline).map((id) => dirname(require.resolve(`${id}/package.json`)));
  return {
    name: 'inline-dependencies',
    resolveId(id, importer) {
      if (id in inline) return resolve(dirname(require.resolve(`${id}/package.json`)), inline[id]);
      if (id === 'tslib' && roots.length > 0) return tslib;
      // their builds import folders (`./types`) the way CommonJS resolution allows
      if (id.startsWith('.') && importer && roots.some((root) => importer.startsWith(root))) {
        const path = resolve(dirname(importer), id);
        return [path, `${path}.js`, `${path}/index.js`].find((file) => existsSync(file) && statSync(file).isFile()) ?? null;
      }
      return null;
    },
  };
}
