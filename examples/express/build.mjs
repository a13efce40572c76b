// Bundles the dashboard (React + @billingos/sdk) into public/dashboard.js.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('./src/dashboard.jsx', import.meta.url).pathname],
  outfile: new URL('./public/dashboard.js', import.meta.url).pathname,
  bundle: true,
  format: 'esm',
  jsx: 'automatic',
  minify: true,
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
