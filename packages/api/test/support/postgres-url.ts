/**
 * The PostgreSQL the storage suite runs on. Unset in CI is a failure (CI starts one); unset
 * locally skips the PostgreSQL half with a warning.
 */
export function postgresUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  if (process.env.CI) throw new Error('TEST_DATABASE_URL is not set, and CI must run the storage suite on PostgreSQL (.ci/run starts one).');
  console.warn('TEST_DATABASE_URL is not set: skipping the PostgreSQL half of the storage suite. Set it to postgres://… to run it.');
  return undefined;
}
