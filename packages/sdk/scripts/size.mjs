// Size budgets, minified (React external) and gzipped:
// - the hooks entry (dist/index.js) ≤ 6 KB;
// - the ui entry (dist/ui.js) ≤ 12.5 KB, counted together with the whole hooks entry it is built
//   on, so the budget is what a page showing the components pays (12 KB until the pricing table
//   sent paid plans through checkout);
// - the checkout entry (dist/checkout.js) ≤ 10.5 KB, likewise counted with the whole hooks entry
//   (its own code is about 4.9 KB of it).
// Also checks that every built entry keeps its 'use client' directive (Next.js App Router).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = join(import.meta.dirname, '..', 'dist');
const react = ['react', 'react-dom', 'react/jsx-runtime'];
let failed = false;

for (const file of ['index.js', 'index.cjs', 'ui.js', 'ui.cjs', 'checkout.js', 'checkout.cjs']) {
  if (!readFileSync(join(dist, file), 'utf8').startsWith("'use client';")) {
    console.error(`dist/${file} lost its 'use client' directive: keep the banner in rollup.config.mjs.`);
    failed = true;
  }
}

async function gzippedSize(file, external, alias = {}) {
  const result = await build({
    ...(file.endsWith('.js') ? { entryPoints: [join(dist, file)] } : { stdin: { contents: file, resolveDir: dist } }),
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external,
    alias,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

function report(name, { minified, gzipped }, budget) {
  console.log(`${name}: ${minified} B minified, ${gzipped} B min+gzip${budget ? ` (budget ${budget} B)` : ''}`);
  if (budget && gzipped > budget) {
    console.error(`${name} is over budget by ${gzipped - budget} B: move code out of the entry or drop something.`);
    failed = true;
  }
}

report('@billingos/sdk', await gzippedSize('index.js', react), 6144);
// The whole hooks entry (the provider a page needs, and every hook) plus the ui entry, which imports the hooks entry by its package name.
const page = "export * from './index.js'; export * from './ui.js';";
report('@billingos/sdk + @billingos/sdk/ui', await gzippedSize(page, react, { '@billingos/sdk': join(dist, 'index.js') }), 12800);
report('@billingos/sdk/ui (its own code)', await gzippedSize('ui.js', [...react, '@billingos/sdk']));
const checkout = "export * from './index.js'; export * from './checkout.js';";
report('@billingos/sdk + @billingos/sdk/checkout', await gzippedSize(checkout, react, { '@billingos/sdk': join(dist, 'index.js') }), 10752);
report('@billingos/sdk/checkout (its own code)', await gzippedSize('checkout.js', [...react, '@billingos/sdk']));
for (const [name, file] of [['ui', 'ui.css'], ['checkout', 'checkout.css']]) {
  const css = readFileSync(join(dist, file));
  console.log(`@billingos/sdk/${name}/styles.css: ${css.length} B, ${gzipSync(css, { level: 9 }).length} B gzip`);
}
process.exit(failed ? 1 : 0);
