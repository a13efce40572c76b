import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { markedSnippets, typecheckSnippets } from '../../../../test-utils/readme-snippets';

beforeAll(() => {
  for (const dist of ['supabase/dist/index.d.ts', 'sdk/dist/ui.d.ts']) {
    if (!existsSync(join(__dirname, '../../..', dist))) throw new Error(`packages/${dist} is missing: run \`npm run build\` first.`);
  }
});

test("the README's quickstart (route, layout, page) type-checks as pasted into a Next.js project, against the built packages", async () => {
  const snippets = await markedSnippets(join(__dirname, '../../README.md'));
  expect(snippets.map((snippet) => snippet.path)).toEqual(expect.arrayContaining(['app/api/billingos-session/route.ts', 'app/layout.tsx', 'app/billing/page.tsx']));
  expect(await typecheckSnippets(snippets, { resolution: 'bundler' })).toBe('');
}, 60_000);
