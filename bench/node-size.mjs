// Size of the built @billingos/node: esbuild minify (ESM, browser/worker conditions) + zlib gzip.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(createRequire(import.meta.url).resolve('@billingos/node/package.json')), 'dist');

async function size(label, entry, { external = [], stdin } = {}) {
  const result = await build({
    ...(stdin ? { stdin: { contents: stdin, resolveDir: dist, loader: 'js' } } : { entryPoints: [entry] }),
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser'],
    external,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  console.log(`${label.padEnd(66)} ${(code.length / 1024).toFixed(1).padStart(6)} KiB min   ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1).padStart(5)} KiB min+gzip`);
}

await size('@billingos/node (own code)', join(dist, 'index.js'), { external: ['tsyringe'] });
await size('@billingos/node (everything, dependencies included)', join(dist, 'index.js'));
await size('@billingos/node/helpers/generic (dependencies included)', join(dist, 'helpers/generic/index.js'));
await size('webhooks only: import { Webhooks } (tree-shaken, deps included)', null, { stdin: "export { Webhooks } from './index.js';" });
await size('@billingos/node/webhooks (everything; no DI)', join(dist, 'webhooks/index.js'));
