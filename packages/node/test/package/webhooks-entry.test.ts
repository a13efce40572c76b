import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { assertBuilt, PACKAGE_DIR } from '../utils/built-package';

const run = promisify(execFile);

beforeAll(assertBuilt);

test.each([
  ['cjs', "require('@billingos/node/webhooks'); console.log(JSON.stringify(Object.keys(require.cache)))"],
  ['esm', "await import('@billingos/node/webhooks'); const { createRequire } = await import('node:module'); console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)))"],
])('@billingos/node/webhooks (%s) loads no dependency injection and no Reflect polyfill', async (format, code) => {
  const args = format === 'esm' ? ['--input-type=module', '-e', code] : ['-e', code];
  const { stdout } = await run(process.execPath, args, { cwd: PACKAGE_DIR });
  expect((JSON.parse(stdout) as string[]).filter((file) => /tsyringe|reflect-metadata|tslib/.test(file))).toEqual([]);
  const { stdout: polyfilled } = await run(process.execPath, [...args.slice(0, -1), `${code.split(';')[0]}; console.log(typeof Reflect.getMetadata)`], { cwd: PACKAGE_DIR });
  expect(polyfilled.trim()).toBe('undefined');
});

test('the main entry resolves every service through tsyringe with only the SDK\'s own Reflect polyfill (no reflect-metadata)', async () => {
  const code = "const { BillingOS } = require('@billingos/node'); const b = new BillingOS({ secretKey: 'sk_test_0123456789' }); console.log(JSON.stringify([typeof b.customers.list, typeof b.sessionTokens.create, typeof b.webhooks.constructEvent, Object.keys(require.cache).some((f) => f.includes('node_modules/reflect-metadata'))]))";
  const { stdout } = await run(process.execPath, ['-e', code], { cwd: PACKAGE_DIR });
  expect(JSON.parse(stdout)).toEqual(['function', 'function', 'function', false]);
});
