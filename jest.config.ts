import type { Config } from 'jest';

/** Workspace packages resolve to their sources, so tests never wait for a build. */
export const moduleNameMapper: Record<string, string> = {
  '^@billingos/node$': '<rootDir>/packages/node/src/index.ts',
  '^@billingos/node/helpers/generic$': '<rootDir>/packages/node/src/helpers/generic/index.ts',
  '^@billingos/api$': '<rootDir>/packages/api/src/index.ts',
  '^@billingos/api/testing$': '<rootDir>/packages/api/src/testing.ts',
  '^@billingos/sdk$': '<rootDir>/packages/sdk/src/index.ts',
  '^@billingos/supabase$': '<rootDir>/packages/supabase/src/index.ts',
  '^@billingos/nestjs$': '<rootDir>/packages/nestjs/src/index.ts',
  '^@billingos/contract$': '<rootDir>/packages/contract/src/index.ts',
};

const transform: Config['transform'] = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
};

export function project(name: string, overrides: Partial<Config> = {}): Config {
  return {
    displayName: name,
    rootDir: __dirname,
    roots: [`<rootDir>/packages/${name}`],
    testMatch: ['**/*.test.ts', '**/*.test.tsx'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.e2e\\.test\\.'],
    testEnvironment: 'node',
    transform,
    moduleNameMapper,
    ...overrides,
  };
}

const config: Config = {
  projects: [
    project('api'),
    project('node'),
    project('sdk', { testEnvironment: 'jsdom', testMatch: ['**/*.test.tsx', '**/*.test.ts'] }),
    project('supabase'),
    project('nestjs'),
    project('cli'),
    project('contract'),
  ],
  testTimeout: 30_000,
};

export default config;
