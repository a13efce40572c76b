// Size budget: dist/index.js minified (React external) and gzipped must stay within 6 KB.
// Also checks that both built entries keep their 'use client' directive (Next.js App Router).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET = 6144;
const dist = join(import.meta.dirname, '..', 'dist');
const entry = join(dist, 'index.js');

for (const file of ['index.js', 'index.cjs']) {
  if (!readFileSync(join(dist, file), 'utf8').startsWith("'use client';")) {
    console.error(`dist/${file} lost its 'use client' directive: keep the banner in rollup.config.mjs.`);
    process.exit(1);
  }
}

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
