import { resolve } from 'node:path';
import { createConfig } from '../../rollup.config.mjs';

const helper = 'helpers/generic/index';
const configs = createConfig({
  cwd: import.meta.dirname,
  entries: { index: 'src/index.ts', [helper]: 'src/helpers/generic/index.ts', 'webhooks/index': 'src/webhooks/index.ts' },
  // tsyringe ships ES5 and CommonJS builds that pull all of tslib 1 (~6 KB) into any bundle;
  // its ES2015 build, bundled here with the tslib 2 helpers it needs, is a third of that, and
  // users install no dependency at all.
  inline: { tsyringe: 'dist/esm2015/index.js' },
});

// The Reflect metadata polyfill gets its own chunk: inlined, it would run after the hoisted
// `import 'tsyringe'`, which refuses to load without it (package.json lists it in sideEffects).
const [js] = configs;
js.output = js.output.map((output) => ({
  ...output,
  manualChunks: (id) => (id.endsWith('/internal/reflect-metadata.ts') ? 'reflect-metadata' : undefined),
}));

// The helper's declarations import the main entry's instead of inlining copies, so `BillingOS`
// (nominal: it has #private fields) is one type across both entries.
const mainEntry = resolve(import.meta.dirname, 'src/index.ts');
const isMainEntry = (id) => [mainEntry, mainEntry.replace(/\.ts$/, ''), '../../index'].includes(id);
const helperTypes = configs.find(({ input }) => Object.keys(input).join() === helper);
const { external } = helperTypes;
helperTypes.external = (id, ...rest) => isMainEntry(id) || external(id, ...rest);
// A self-reference: each format's `exports` condition picks index.d.ts or index.d.cts.
// (rollup-plugin-dts prefixes mapped paths with '../', hence the clean-up in renderChunk)
helperTypes.output = helperTypes.output.map((output) => ({ ...output, paths: (id) => (isMainEntry(id) ? '@billingos/node' : id) }));
helperTypes.plugins.push({
  name: 'self-reference',
  renderChunk: (code) => code.replaceAll(/(['"])(?:\.\.\/)+@billingos\/node\1/g, "'@billingos/node'"),
});

export default configs;
