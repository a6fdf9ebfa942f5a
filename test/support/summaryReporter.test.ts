import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

/**
 * The closing "Tests: …" line, from a real Jest run over throw-away files: a file that fails
 * outside its tests (an afterAll check, an import error) must not read as "0 failed".
 */
const FILES: Record<string, string> = {
  'passes.test.js': "test('passes', () => expect(1).toBe(1));",
  'afterAll.test.js': "afterAll(() => { throw new Error('afterAll check'); });\ntest('passes', () => expect(1).toBe(1));",
  'importError.test.js': "require('./does-not-exist');\ntest('never runs', () => expect(1).toBe(1));",
  'testFails.test.js': "test('fails', () => expect(1).toBe(2));",
};

function runJest(files: string[]): { line: string; stdout: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-reporter-'));
  try {
    for (const f of files) fs.writeFileSync(path.join(dir, f), FILES[f]);
    const config = { rootDir: dir, testEnvironment: 'node', reporters: [path.join(__dirname, 'summary-reporter.js')] };
    const jest = path.join(PROJECT_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
    const run = spawnSync(process.execPath, [jest, '--config', JSON.stringify(config), '--ci'], { cwd: dir, encoding: 'utf8' });
    const line = run.stdout.split('\n').find((l) => l.startsWith('Tests: '));
    if (!line) throw new Error(`no summary line:\n${run.stdout}\n${run.stderr}`);
    return { line, stdout: run.stdout };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the summary line', () => {
  test('all passed: no failure, no suite count', () => {
    expect(runJest(['passes.test.js']).line).toBe('Tests: 1 passed, 0 failed');
  }, 60_000);

  test('an afterAll failure and an import error are counted as failures and failed suites, and named', () => {
    const { line, stdout } = runJest(['passes.test.js', 'afterAll.test.js', 'importError.test.js']);
    expect(line).toBe('Tests: 2 passed, 2 failed, 2 suites failed');
    expect(stdout).toMatch(/failed outside its tests: .*afterAll\.test\.js/);
    expect(stdout).toMatch(/failed outside its tests: .*importError\.test\.js/);
  }, 60_000);

  test('a failed test counts once, with its suite', () => {
    expect(runJest(['passes.test.js', 'testFails.test.js']).line).toBe('Tests: 1 passed, 1 failed, 1 suite failed');
  }, 60_000);
});
