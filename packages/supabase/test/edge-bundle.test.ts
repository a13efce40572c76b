import { join } from 'node:path';
import { build } from 'esbuild';

// Edge runtimes (Vercel Edge, Cloudflare Workers, Deno) have no Node built-ins: bundling the
// package for a worker target must succeed without any, and `ws` must resolve to its
// browser stub (never loaded there, since those runtimes have a global WebSocket).
it('bundles for an Edge/worker target without Node built-ins', async () => {
  const result = await build({
    entryPoints: [join(__dirname, '../src/index.ts')],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['edge-light', 'worker', 'browser', 'import'],
    external: ['@billingos/node', '@billingos/node/*'],
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.some((path) => path.includes('@supabase/auth-js'))).toBe(true);
  expect(inputs.filter((path) => path.includes('node_modules/ws/'))).toEqual(['node_modules/ws/browser.js']);
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
  expect(imports.filter((path) => !path.startsWith('@billingos/node'))).toEqual([]);
});
