import { createConfig } from '../../rollup.config.mjs';

const configs = createConfig({ cwd: import.meta.dirname, entries: { index: 'src/index.ts', bin: 'src/bin.ts' } });

// Only the bin gets the shebang; it is run as ESM (dist/bin.js), never required.
const [js, ...types] = configs;
js.output = js.output.map((output) => ({ ...output, banner: (chunk) => (chunk.isEntry && chunk.name === 'bin' ? '#!/usr/bin/env node' : '') }));

export default [js, ...types.filter(({ input }) => !('bin' in input))];
