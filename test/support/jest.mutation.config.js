/**
 * The tests `npm run test:mutation` runs against each mutant of src/domain, src/needs and
 * src/answers: the in-process tests of test/answers, test/domain, test/needs and the conversation
 * files (no built server, so no global build step).
 * Conversations play through the engine only (CONVERSATION_DRIVERS, set in stryker.config.mjs):
 * the HTTP half adds minutes per mutant and reaches the same code. The fuzz tests are left out:
 * they cost ~45 s per mutant; the example tests at each parser's limits (test/answers/limits)
 * do that job here.
 */
const path = require('node:path');
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: path.join(__dirname, '..', '..'),
  globalSetup: undefined,
  reporters: ['default'],
  // One file that loads all the others (see it for why).
  testMatch: ['<rootDir>/test/support/mutation/inProcess.mutation.ts'],
};
