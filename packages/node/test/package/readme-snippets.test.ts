import { join } from 'node:path';
import { markedSnippets, typecheckSnippets } from '../../../../test-utils/readme-snippets';
import { assertBuilt, PACKAGE_DIR } from '../utils/built-package';

/** What the snippets call but do not define: the merchant's own code (Hono and Fastify are root devDependencies). */
const DECLARATIONS = `
declare function extendAccess(customerId: string, until: string): Promise<void>;
declare function revokeAccess(customerId: string): Promise<void>;
declare function welcome(email: string | null): Promise<void>;
declare function forget(customerId: string): Promise<void>;
declare const redis: { exists(key: string): Promise<number>; set(key: string, value: string, options: { EX: number }): Promise<unknown> };
declare function verifyJwt(authorization: string | null): Promise<{ userId: string } | null>;
`;

beforeAll(() => assertBuilt());

test("the README's marked snippets type-check as pasted, against the built package (ESM, node16 resolution, strict)", async () => {
  const snippets = await markedSnippets(join(PACKAGE_DIR, 'README.md'));
  expect(snippets.length).toBeGreaterThanOrEqual(7);
  expect(await typecheckSnippets(snippets, { resolution: 'node16', declarations: DECLARATIONS })).toBe('');
}, 60_000);
