import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { markedSnippets, typecheckSnippets } from '../../../../test-utils/readme-snippets';

beforeAll(() => {
  if (!existsSync(join(__dirname, '../../dist/testing.d.ts'))) throw new Error('packages/api/dist is missing: run `npm run build -w @billingos/api` first.');
});

test("the README's marked snippets (a Jest test, the programmatic server) type-check as pasted, against the built package", async () => {
  const snippets = await markedSnippets(join(__dirname, '../../README.md'));
  expect(snippets).toHaveLength(2);
  expect(await typecheckSnippets(snippets, { resolution: 'node16', flags: ['--types', 'node,jest'] })).toBe('');
}, 60_000);
