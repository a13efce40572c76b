// Size budget: dist/index.js minified (React external) and gzipped must stay within 6 KB.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET = 6144;
const entry = join(import.meta.dirname, '..', 'dist', 'index.js');

const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  external: ['react', 'react-dom', 'react/jsx-runtime'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
});
const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
console.log(`@billingos/sdk: ${code.length} B minified, ${gzipped} B min+gzip (budget ${BUDGET} B)`);
if (gzipped > BUDGET) {
  console.error(`Over budget by ${gzipped - BUDGET} B: move code out of the entry or drop something.`);
  process.exit(1);
}
