/** @jest-environment node */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const dist = join(__dirname, '../../dist');
// Type declarations never reach a browser (and quote the API's docs, which name live keys).
const shipped = () => readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(c?js|css|map)$/.test(file) && !/\.d\.c?ts/.test(file));

beforeAll(() => {
  if (!existsSync(join(dist, 'index.js'))) throw new Error('packages/sdk/dist is missing: run `npm run build -w @billingos/sdk` first.');
});

// A merchant checks a deploy with `grep -r sk_ .next/static`: what the SDK ships must not raise that alarm.
test('no file a browser loads from dist contains the secret-key prefix', () => {
  expect(shipped()).toEqual(expect.arrayContaining(['index.js', 'index.cjs', 'ui.js', 'ui.cjs', 'ui.css']));
  expect(shipped().filter((file) => readFileSync(join(dist, file), 'utf8').includes('sk_'))).toEqual([]);
});

test('nor does a page bundle of it, minified as a production build does', async () => {
  const result = await build({
    stdin: { contents: "export * from './index.js'; export * from './ui.js';", resolveDir: dist },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external: ['react', 'react-dom', 'react/jsx-runtime'],
    alias: { '@billingos/sdk': join(dist, 'index.js') },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const code = result.outputFiles[0]!.text;
  expect(code).toContain('secret_key_in_browser');
  expect(code.includes('sk_')).toBe(false);
});
