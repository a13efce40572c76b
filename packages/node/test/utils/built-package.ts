import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built package folder; tests of the artefact need `npm run build -w @billingos/node` first. */
export const PACKAGE_DIR = join(__dirname, '../..');

/** Throws a clear instruction when dist/ is missing (the root `npm ci` builds it). */
export function assertBuilt(): void {
  for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/helpers/generic/index.js', 'dist/helpers/generic/index.cjs']) {
    if (!existsSync(join(PACKAGE_DIR, file))) {
      throw new Error(`packages/node/${file} is missing: run \`npm run build -w @billingos/node\` (the root \`npm ci\` builds it) before these tests.`);
    }
  }
}
