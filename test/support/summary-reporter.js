/**
 * Prints one plain closing line, "Tests: N passed, N failed[, N skipped][, N suites failed]",
 * that CI tools read regardless of the runner (Jest's own summary says "N passed, N total").
 * A test file can fail with every test passed (an `afterAll` check, an error at import, a
 * leaked handle Jest reports): each such file counts as one failure, so "0 failed" always means
 * nothing failed, and the failed files are counted and named.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    process.stdout.write(`\n${summaryLine(results)}\n`);
    for (const suite of failedOutsideTests(results)) process.stdout.write(`  failed outside its tests: ${suite.testFilePath}\n`);
    if (results.runExecError) process.stdout.write(`  the run failed: ${results.runExecError.message}\n`);
  }
}

/** Files that failed although none of their tests did. */
function failedOutsideTests(results) {
  return results.testResults.filter((s) => (s.testExecError || s.failureMessage) && s.numFailingTests === 0);
}

function summaryLine(results) {
  // A run that failed before any file (global setup) is one failure too.
  const failed = results.numFailedTests + failedOutsideTests(results).length + (results.runExecError ? 1 : 0);
  const skipped = results.numPendingTests + results.numTodoTests;
  // Jest counts a file that failed to run (numRuntimeErrorTestSuites) among the failed ones.
  const suites = results.numFailedTestSuites;
  let line = `Tests: ${results.numPassedTests} passed, ${failed} failed`;
  if (skipped) line += `, ${skipped} skipped`;
  if (suites) line += `, ${suites} suite${suites === 1 ? '' : 's'} failed`;
  return line;
}

module.exports = SummaryReporter;
