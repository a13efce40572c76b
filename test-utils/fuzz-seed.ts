import fc from 'fast-check';

/** The seed CI replays, so a landing never turns red on an input nobody has seen before. */
const CI_SEED = 20261129;

/**
 * Property tests replay one seed in CI and in `npm test` there (what a varied run finds is fixed,
 * then tested), and explore new inputs elsewhere: locally, and in `npm run test:fuzz`
 * (FUZZ_VARY=1, more runs per property: the nightly-style run). The seed in use is always set
 * explicitly and printed when a property fails (fast-check's message carries it as `seed`);
 * replay one with FUZZ_SEED=<seed>. FUZZ_RUNS sets the runs per property.
 */
export function configureFuzzing(): void {
  const seed = chooseSeed();
  const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed, ...(runs ? { numRuns: runs } : {}) });
  if (process.env.FUZZ_VARY) process.stdout.write(`fuzzing with seed ${seed} (replay with FUZZ_SEED=${seed})\n`);
}

function chooseSeed(): number {
  if (process.env.FUZZ_SEED) return Number(process.env.FUZZ_SEED);
  if (process.env.CI && !process.env.FUZZ_VARY) return CI_SEED;
  return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
}
