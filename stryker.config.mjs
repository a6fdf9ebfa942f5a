// Mutation testing of the pure parts: `npm run test:mutation` (long, not in CI; see README, Tests).
// MUTATION_SCOPE=domain|needs|answers runs one folder, with its own incremental file and report.
const FOLDERS = ['domain', 'needs', 'answers'];
const scope = process.env.MUTATION_SCOPE ?? 'all';
if (scope !== 'all' && !FOLDERS.includes(scope)) throw new Error(`MUTATION_SCOPE: one of ${FOLDERS.join(', ')} or all`);
const folders = scope === 'all' ? FOLDERS : [scope];

// The engine half of the conversations only (see test/support/jest.mutation.config.js).
process.env.CONVERSATION_DRIVERS ??= 'engine';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // One test file (it requires the others at run time, which Jest's --findRelatedTests cannot follow).
  jest: { projectType: 'custom', configFile: 'test/support/jest.mutation.config.js', enableFindRelatedTests: false },
  mutate: folders.map((f) => `src/${f}/**/*.ts`),
  coverageAnalysis: 'perTest',
  // Mutants of module-level data (lexicon tables, regexes built at load) run every test each:
  // ~1,800 of them at ~45 s is a day on 2 cores. They are reported as ignored, not as killed.
  ignoreStatic: true,
  // Reuses the results of unchanged mutants and tests from the last run of the same scope.
  incremental: true,
  incrementalFile: `reports/mutation/${scope}/incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${scope}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${scope}/mutation.json` },
  // The recognizers take seconds to load in each fresh Jest run, more on a busy machine.
  timeoutMS: 60000,
  thresholds: { high: 90, low: 80, break: null },
  ignorePatterns: ['dist', 'reports', 'data', 'coverage', 'test-artifacts', '.stryker-tmp'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
