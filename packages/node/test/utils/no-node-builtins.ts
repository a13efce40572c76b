import { builtinModules } from 'node:module';
import type { Plugin } from 'esbuild';

/** An esbuild plugin that fails the bundle on any Node built-in, as an Edge bundler would. */
export const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(build) {
    const names = builtinModules.map((name) => name.replace(/[/]/g, '\\/')).join('|');
    build.onResolve({ filter: new RegExp(`^(node:.*|${names})$`) }, (args) => ({
      errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}: not available on Edge runtimes` }],
    }));
  },
};
