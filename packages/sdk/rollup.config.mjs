import { createConfig } from '../../rollup.config.mjs';

const configs = createConfig({
  cwd: import.meta.dirname,
  entries: { index: 'src/index.ts', ui: 'src/ui/index.ts', checkout: 'src/checkout/index.ts' },
  banner: "'use client';",
});

// The ui and checkout entries are built on the public hooks: they import '@billingos/sdk' (this
// package's own entry) instead of bundling a second copy of the provider's context.
for (const config of configs) {
  const external = config.external;
  config.external = (id) => id === '@billingos/sdk' || external(id);
}

export default configs;
