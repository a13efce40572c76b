import { createConfig } from '../../rollup.config.mjs';

export default createConfig({
  cwd: import.meta.dirname,
  entries: {"index": "src/index.ts"},
});
