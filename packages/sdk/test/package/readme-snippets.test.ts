/** @jest-environment node */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { markedSnippets, typecheckSnippets } from '../../../../test-utils/readme-snippets';

/** What the snippets import but a merchant writes: their auth, their server client, Vite's env and their App. */
const DECLARATIONS = `
declare module '@/lib/auth' {
  export function getUser(request: Request): Promise<{ id: string } | null>;
  export function currentUser(): Promise<{ id: string } | null>;
}
declare module '@/lib/billing' {
  export const billing: import('@billingos/node').BillingOS;
}
interface ImportMeta { readonly env: Record<string, string | undefined> }
`;
const FILES = { 'src/App.tsx': 'export default function App() { return null; }\n' };

beforeAll(() => {
  for (const file of ['index.d.ts', 'ui.d.ts', 'checkout.d.ts']) {
    if (!existsSync(join(__dirname, '../../dist', file))) throw new Error(`packages/sdk/dist/${file} is missing: run \`npm run build -w @billingos/sdk\` first.`);
  }
});

test("the README's marked snippets type-check as pasted into a Next.js project, against the built packages", async () => {
  const snippets = await markedSnippets(join(__dirname, '../../README.md'));
  expect(snippets.map((snippet) => snippet.path)).toEqual(expect.arrayContaining(['app/api/billingos-session/route.ts', 'app/layout.tsx', 'app/plan.tsx']));
  expect(await typecheckSnippets(snippets, { resolution: 'bundler', declarations: DECLARATIONS, files: FILES })).toBe('');
}, 60_000);
