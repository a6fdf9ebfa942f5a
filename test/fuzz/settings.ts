import fc from 'fast-check';

/**
 * Bounded, reproducible fuzz runs. A failure prints fast-check's seed and counterexample path;
 * replay it with `FUZZ_SEED=<seed> FUZZ_PATH=<path> npx jest test/fuzz`. FUZZ_RUNS runs longer
 * campaigns (the time budget then grows with it).
 */
export function fuzzParameters<T>(numRuns: number, budgetMs: number, examples: T[] = []): fc.Parameters<T> {
  const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : numRuns;
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() ^ (Math.random() * 0x100000000);
  return {
    numRuns: runs,
    seed,
    path: process.env.FUZZ_PATH,
    examples,
    // Stops generating once the budget is spent (what ran must still pass), so the suite stays fast on 2 cores.
    plugins: [fc.interruptAfterTimeLimit(Math.round((budgetMs * runs) / numRuns)) as fc.Plugin<T>],
  };
}
