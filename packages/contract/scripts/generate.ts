import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_FILE, renderContract } from './render-contract';

const file = join(__dirname, '..', CONTRACT_FILE);
const check = process.argv.includes('--check');

/**
 * `npm run generate -w @billingos/contract` rewrites src/openapi.ts from the API's schemas;
 * `--check` (what `npm test` runs) fails when the committed file differs from what they generate.
 */
renderContract().then(
  (source) => {
    if (!check) {
      writeFileSync(file, source);
      console.log(`wrote packages/contract/${CONTRACT_FILE}`);
    } else if (readFileSync(file, 'utf8') !== source) {
      console.error(
        `packages/contract/${CONTRACT_FILE} is out of date with the API's schemas: run \`npm run generate -w @billingos/contract\`, check the SDKs still compile (npm run typecheck), and commit the result.`,
      );
      process.exit(1);
    }
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
