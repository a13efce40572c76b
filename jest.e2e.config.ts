import type { Config } from 'jest';
import { project } from './jest.config';

const e2e = { testMatch: ['**/*.e2e.test.ts'], testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.next/'] };

/** End-to-end suites: packages and example apps in headless Chromium (`*.e2e.test.ts`). */
const config: Config = {
  projects: [
    ...['api', 'node', 'sdk', 'supabase', 'nestjs'].map((name) => project(name, e2e)),
    project('examples', { ...e2e, roots: ['<rootDir>/examples'] }),
  ],
  testTimeout: 120_000,
  maxWorkers: 1,
};

export default config;
