/** `npm run insights:export` (the built script) on a SQLite DATA_DIR holding counters. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/paths';
import type { InsightsCell } from '../../src/stores/insightsStore';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteInsightsStore } from '../../src/stores/sqlite/sqliteInsightsStore';
import { makeTempDir } from '../stores/tempDir';

const run = promisify(execFile);
// Long ago: whatever today is, these journeys have stopped.
const LONG_AGO = String(Math.floor(Date.parse('2026-01-05T10:00:00Z') / 60_000));

describe('npm run insights:export', () => {
  const temp = makeTempDir();
  const script = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'scripts', 'insights-export.js'), ...args], {
        env: { PATH: process.env.PATH ?? '', DATA_DIR: temp.dir, LOG_LEVEL: 'warn' },
        cwd: temp.dir,
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  beforeAll(async () => {
    const db = openDatabase(temp.dir);
    const c = (version: number, day: string, channel: string, node: string, metric: string, n: number, detail = ''): InsightsCell => ({ version, day, channel, lang: 'fr', node, metric, detail, n });
    await new SqliteInsightsStore(db).add({
      writer: 'seed',
      seq: 1,
      versions: [
        { version: 1, resumeAfterMinutes: 60, nodes: ['consent', 'name', '@summary'] },
        { version: 2, resumeAfterMinutes: 60, nodes: ['consent', 'name', '@summary'] },
      ],
      cells: [
        c(1, '2026-01-05', 'Teams', 'consent', 'reached', 3),
        c(1, '2026-01-05', 'Teams', 'consent', 'answered', 2),
        c(1, '2026-01-05', 'Teams', 'consent', 'frontier', 1, LONG_AGO),
        c(1, '2026-01-06', 'Site web', 'consent', 'reached', 1),
        c(1, '2026-01-06', 'Site web', 'consent', 'answered', 1),
        c(2, '2026-02-01', 'Site web', 'name', 'reached', 4),
        c(2, '2026-02-01', 'Site web', 'name', 'answered', 4),
        c(2, '2026-02-01', 'Site web', '', 'programme', 4, 'Probono Factory'),
      ],
    });
    closeDatabase(db);
  });
  afterAll(() => temp.cleanup());

  test('CSV: one row per version, step and channel', async () => {
    const out = await script('--format', 'csv');
    expect(out.code).toBe(0);
    expect(out.stdout.split('\r\n')).toEqual([
      'version,step,channel,reached,answered,reprompted,why,skipped,stopped,cancelled,inProgress',
      '1,consent,Site web,1,1,0,0,0,0,0,0',
      '1,consent,Teams,3,2,0,0,0,1,0,0',
      '2,name,Site web,4,4,0,0,0,0,0,0',
      '',
    ]);
  });

  test('JSON with a version and a period; outcomes as CSV', async () => {
    const json = await script('--format', 'json', '--version', '1', '--from', '2026-01-06', '--to', '2026-01-31');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.filter).toEqual({ versions: [1], from: '2026-01-06', to: '2026-01-31' });
    expect(parsed.steps).toEqual([{ version: 1, channel: 'Site web', step: 'consent', reached: 1, answered: 1, reprompted: 0, why: 0, skipped: 0, stopped: 0, inProgress: 0, cancelled: 0 }]);
    const outcomes = await script('--format', 'csv', '--outcomes', '--version', '2');
    expect(outcomes.stdout).toBe('version,channel,kind,key,count\r\n2,Site web,programme,Probono Factory,4\r\n');
  });

  test('bad arguments: exit 2 with what is wrong and the usage', async () => {
    for (const [args, message] of [
      [['--format', 'xml'], 'Unknown format "xml"'],
      [['--version', 'two'], '--version takes a version number'],
      [['--from', '2026-13-01'], '--from takes a day as YYYY-MM-DD'],
      [['--from', '2026-02-01', '--to', '2026-01-01'], 'is after --to'],
      [['--colour'], "Unknown option '--colour'"],
    ] as const) {
      const out = await script(...args);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(message);
      expect(out.stderr).toContain('Usage: npm run insights:export');
    }
  });
});
