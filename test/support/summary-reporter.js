/**
 * Prints one plain closing line, "Tests: N passed, N failed[, N skipped]", that CI tools read
 * regardless of the runner (Jest's own summary says "N passed, N total").
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const tail = skipped ? `, ${skipped} skipped` : '';
    process.stdout.write(`\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${tail}\n`);
  }
}
module.exports = SummaryReporter;
