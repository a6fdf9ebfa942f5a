import fc from 'fast-check';

/**
 * Reproducible fuzz runs: a fixed seed and a fixed number of runs, so that a run is the same on
 * any machine at any speed (no time budget). Each test file prints the seed it used.
 *   FUZZ_SEED=<integer>  replays that seed (with FUZZ_PATH=<path> from a failure's report, the
 *                        failing case directly);
 *   FUZZ_SEED=random     explores: a new seed each run, printed so that a failure can be replayed;
 *   FUZZ_RUNS=<n>        runs n cases per property instead of each test's own number.
 * Without FUZZ_SEED (CI) the seed is DEFAULT_SEED.
 */
export const DEFAULT_SEED = 20261123;

export function fuzzSeed(value = process.env.FUZZ_SEED): number {
  if (value === undefined || value === '') return DEFAULT_SEED;
  if (value === 'random') return (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED: "${value}" is neither an integer nor "random"`);
  return seed;
}

const seed = fuzzSeed();
const runsOverride = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;

// Printed by every test file that fuzzes, passed or not.
afterAll(() => {
  process.stdout.write(`fuzz: ${expect.getState().testPath ?? ''} ran with FUZZ_SEED=${seed}\n`);
});

export function fuzzParameters<T>(numRuns: number, examples: T[] = []): fc.Parameters<T> {
  return { numRuns: runsOverride ?? numRuns, seed, path: process.env.FUZZ_PATH, examples };
}
