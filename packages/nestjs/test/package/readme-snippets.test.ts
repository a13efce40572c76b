import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { markedSnippets, typecheckSnippets } from '../../../../test-utils/readme-snippets';

/** The merchant's users module, which the quickstart's files import but the README does not show. */
const FILES = {
  'src/users/users.service.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class UsersService {
  async findById(id: string): Promise<{ id: string; teamId?: string } | null> { return { id }; }
}
`,
  'src/users/users.module.ts': `import { Module } from '@nestjs/common';
import { UsersService } from './users.service';
@Module({ providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
`,
};

beforeAll(() => {
  if (!existsSync(join(__dirname, '../../dist/index.d.cts'))) throw new Error('packages/nestjs/dist is missing: run `npm run build -w @billingos/nestjs` first.');
});

test("the README's quickstart files type-check as pasted into a NestJS project (CommonJS, node16, decorators), against the built packages", async () => {
  const snippets = await markedSnippets(join(__dirname, '../../README.md'));
  expect(snippets.map((snippet) => snippet.path)).toEqual(
    expect.arrayContaining(['src/app.module.ts', 'src/main.ts', 'src/billing/request-user.auth-provider.ts', 'src/billing/billing-events.ts']),
  );
  expect(await typecheckSnippets(snippets, { resolution: 'node16', files: FILES, flags: ['--experimentalDecorators', '--emitDecoratorMetadata'] })).toBe('');
}, 60_000);
