import type { Config } from 'jest';
import { project } from './jest.config';

/** End-to-end suites: real apps in headless Chromium (`*.e2e.test.ts`). */
const config: Config = {
  projects: ['api', 'node', 'sdk', 'supabase', 'nestjs'].map((name) =>
    project(name, { testMatch: ['**/*.e2e.test.ts'], testPathIgnorePatterns: ['/node_modules/', '/dist/'] }),
  ),
  testTimeout: 120_000,
  maxWorkers: 1,
};

export default config;
