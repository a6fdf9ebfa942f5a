import { execFile } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

/**
 * `npm run bench -- --quick` end to end: both bots started as processes, whole journeys played
 * over HTTP, the table printed. Timings vary with the machine: only the shape is checked here
 * (every row, a number in every cell), never a threshold.
 */
const ROWS = [
  'start-up to listening, /healthz 200 (ms)',
  'start-up to ready, /readyz 200 (ms)',
  'first start ever, code cache empty: to ready (ms)',
  'start-up: CPU time used by ready (ms)',
  'first user after ready: slowest turn (ms)',
  'first user after ready: most CPU on a turn (ms)',
  ...[1, 10, 50].flatMap((n) => {
    const who = `${n} user${n > 1 ? 's' : ''}`;
    return ['p50', 'p95', 'p99', 'max'].map((p) => `${who}: turn ${p} (ms)`).concat(`${who}: turns/s`, `${who}: CPU per turn (ms)`);
  }),
  'RSS at ready (MB)',
  'RSS, 100 conversations in progress (MB)',
  'RSS after 20 finished conversations (MB)',
  'RSS after 200 finished conversations (MB)',
];
const NUMBER = /^\d+(?:\.\d+)?$/;

function runBench(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(PROJECT_ROOT, 'dist', 'scripts', 'bench', 'run.js'), '--quick'],
      { cwd: PROJECT_ROOT, maxBuffer: 10 * 1024 * 1024, timeout: 280_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('npm run bench -- --quick prints every figure for the bot beside the echo bot', async () => {
  const { code, stdout, stderr } = await runBench();
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const lines = stdout.split('\n');
  // Columns: metric, bot, echo, bot/echo, target; the metric is separated by two spaces at least.
  const cells = (label: string) => {
    const line = lines.find((l) => l.startsWith(`${label}  `));
    if (!line) throw new Error(`no row "${label}" in:\n${stdout}`);
    return line.slice(label.length).trim().split(/\s{2,}/);
  };
  for (const label of ROWS) {
    const [bot, echo, ratio] = cells(label);
    expect({ label, bot, echo, ratio }).toEqual({ label, bot: expect.stringMatching(NUMBER), echo: expect.stringMatching(NUMBER), ratio: expect.stringMatching(/^(?:\d+(?:\.\d+)?|n\/a)$/) });
  }
  // The echo bot keeps no journal: the bot alone has a figure there.
  const [writes, none] = cells('needs journal: durable save()/s');
  expect(writes).toMatch(NUMBER);
  expect(Number(writes)).toBeGreaterThan(0);
  expect(none).toBe('-');
  // Measured in the bench's own process: the bot alone has figures there.
  for (const label of ['engine alone: CPU per turn (ms)', 'insights recording on: extra CPU per turn (ms)', 'copy of the need by mail: extra CPU per turn (ms)']) {
    const [cpu, echo] = cells(label);
    expect({ label, cpu, echo }).toEqual({ label, cpu: expect.stringMatching(NUMBER), echo: '-' });
    expect(Number(cpu)).toBeGreaterThan(0);
  }
  // Every journey went as scripted, and each whole journey left its need in the journal.
  const checks = /checks: bot (\d+)\/\1 journeys on script, (\d+) needs recorded for \2 whole journeys; echo (\d+)\/\3 journeys answered/.exec(stdout);
  expect(checks).not.toBeNull();
  // Two rounds of each level (1, 10 and 50 users, one journey each in --quick), each round its own
  // conversations, beside the first user, the conversations left in progress and the finished ones.
  expect(stdout).toContain('levels: 2 round(s) each, the bot and the echo bot alternating');
  const levelJourneys = 2 * (1 + 10 + 50);
  expect(Number(checks![2])).toBeGreaterThanOrEqual(1 + levelJourneys);
  expect(Number(checks![3])).toBe(Number(checks![1]));
}, 300_000);
