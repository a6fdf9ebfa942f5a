import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteNeedsJournal } from '../../src/stores/sqlite/sqliteNeedsJournal';
import { PROJECT_ROOT } from '../../src/paths';
import { makeTempDir } from '../stores/tempDir';
import { FakeAirtable } from './fakeAirtable';
import { BASE, makeRecord, seedBase, TOKEN } from './helpers';

const run = promisify(execFile);

/** The built scripts (dist/, made by Jest's global setup), against the fake base. */
describe('npm run airtable:setup / needs:sync / needs:status', () => {
  let fake: FakeAirtable;
  let url: string;
  let tmp: { dir: string; cleanup: () => void };
  beforeEach(async () => {
    fake = new FakeAirtable({ token: TOKEN, baseId: BASE });
    url = await fake.start();
    tmp = makeTempDir();
  });
  afterEach(async () => {
    await fake.close();
    tmp.cleanup();
  });

  const env = (extra: Record<string, string> = {}) => ({
    PATH: process.env.PATH ?? '',
    DATA_DIR: path.join(tmp.dir, 'data'),
    AIRTABLE_TOKEN: TOKEN,
    AIRTABLE_BASE_ID: BASE,
    AIRTABLE_ENDPOINT_URL: url,
    LOG_LEVEL: 'warn',
    ...extra,
  });
  const script = async (name: string, extra: Record<string, string> = {}) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'scripts', `${name}.js`)], { env: env(extra), cwd: tmp.dir });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  test('airtable:setup creates the base, then has nothing to do; exit 1 with the scopes on a 403', async () => {
    const first = await script('airtable-setup');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('+ table Structures (17 fields, primary field Nom)');
    expect(first.stdout).toContain('Summary: 4 table(s) created');
    const second = await script('airtable-setup');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to change.');

    fake.forbidden = true;
    const denied = await script('airtable-setup');
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND');
    expect(denied.stderr).toContain('schema.bases:write');

    const unset = await script('airtable-setup', { AIRTABLE_TOKEN: '' });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('set AIRTABLE_TOKEN and AIRTABLE_BASE_ID');
  });

  test('needs:sync drains the journal; needs:status shows the counts and what to fix', async () => {
    seedBase(fake);
    const db = openDatabase(path.join(tmp.dir, 'data'));
    const journal = new SqliteNeedsJournal(db);
    for (const ref of ['PBL-2026-00001', 'PBL-2026-00002']) await journal.save(ref, `c-${ref}`, makeRecord(ref, { Nom: ref }));
    closeDatabase(db);
    fake.rejectRecord = (table, fields) =>
      table === 'Besoins' && fields['Référence'] === 'PBL-2026-00002' ? { type: 'INVALID_MULTIPLE_CHOICE_OPTIONS', message: 'Insufficient permissions to create new select option ""X""' } : undefined;

    const sync = await script('needs-sync');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toContain('Synced: 1. Failed: 1. Still to sync: 0 pending, 1 failed.');

    const status = await script('needs-status');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Needs: 2 — synced 1, pending 0, failed 1.');
    expect(status.stdout).toContain('- PBL-2026-00002');
    expect(status.stdout).toContain('Airtable said: Besoins: INVALID_MULTIPLE_CHOICE_OPTIONS: Insufficient permissions to create new select option ""X""');
    expect(status.stdout).toMatch(/To do: A select option is missing/);

    // With Airtable configured, needs:export reads the staff base (here: the one need synced).
    const exported = await script('needs-export', {});
    expect(exported.code).toBe(0);
    const rows = JSON.parse(exported.stdout) as Record<string, unknown>[];
    expect(rows.map((r) => r['Référence'])).toEqual(['PBL-2026-00001']);
    expect(rows[0]).toMatchObject({ Structure: 'PBL-2026-00001', Nom: 'PBL-2026-00001' });
  });
});
