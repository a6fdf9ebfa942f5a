import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readJourneyFolder } from '../../src/journey/folder';
import { PROJECT_ROOT } from '../../src/paths';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteJourneyStore } from '../../src/stores/sqlite/sqliteJourneyStore';
import { makeTempDir } from '../stores/tempDir';
import { repositoryFiles } from './journeyWorld';

const run = promisify(execFile);

/** The built scripts (dist/, made by Jest's global setup) as an operator runs them, on the embedded store. */
describe('npm run journey:export / journey:publish / flow:check', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  const script = async (name: string, args: string[]) => {
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: path.join(tmp.dir, 'data'), LOG_LEVEL: 'warn', USER: 'operator' };
    try {
      const { stdout, stderr } = await run(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'scripts', `${name}.js`), ...args], { env, cwd: tmp.dir });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const storeVersions = async () => {
    const db = openDatabase(path.join(tmp.dir, 'data'));
    try {
      return await new SqliteJourneyStore(db).versions();
    } finally {
      closeDatabase(db);
    }
  };

  test('export on a fresh store writes version 1, the repository journey, byte for byte', async () => {
    const out = await script('journey-export', ['--out', 'exported']);
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(out.stdout).toMatch(/^Exported version 1 \(\d+ files\) to exported\/dialogs and exported\/cards\.\n$/);
    expect(readJourneyFolder(path.join(tmp.dir, 'exported'))).toEqual(repositoryFiles());
  });

  test('edit the export, publish it, export again: the edit is live, comments kept; history says who', async () => {
    await script('journey-export', ['--out', 'work']);
    const calendar = path.join(tmp.dir, 'work', 'dialogs', 'calendar.yaml');
    const edited = fs.readFileSync(calendar, 'utf8').replace('next_cohort_start: "2027-03-01"', 'next_cohort_start: "2027-04-01"');
    fs.writeFileSync(calendar, edited);

    const published = await script('journey-publish', ['work', '--comment', 'Promotion décalée à avril', '--author', 'camille@example.org']);
    expect(published).toMatchObject({ code: 0, stdout: 'Published version 2 (live; it was 1).\n' });
    await script('journey-export', ['--out=again']);
    expect(fs.readFileSync(path.join(tmp.dir, 'again', 'dialogs', 'calendar.yaml'), 'utf8')).toBe(edited);
    expect(edited).toContain('# The programme calendar');
    expect((await storeVersions()).map((v) => [v.number, v.author, v.comment, v.basedOn])).toEqual([
      [1, 'repository', '', undefined],
      [2, 'camille@example.org', 'Promotion décalée à avril', 1],
    ]);

    // The same folder again: nothing to publish. Without --author, the operator's user name.
    expect(await script('journey-publish', ['work'])).toMatchObject({ code: 0, stdout: 'Nothing to publish: work holds version 2, which is live.\n' });
    fs.writeFileSync(calendar, edited.replace('"2027-04-01"', '"2027-04-15"'));
    expect((await script('journey-publish', ['work'])).stdout).toBe('Published version 3 (live; it was 2).\n');
    expect((await storeVersions())[2].author).toBe('operator');
  });

  test('publish refuses an invalid folder with every problem, its file, path and line; nothing is published', async () => {
    await script('journey-export', ['--out', 'work']);
    const rules = path.join(tmp.dir, 'work', 'dialogs', 'rules.yaml');
    const text = fs.readFileSync(rules, 'utf8').replace('{ field: years_active, gte: 1 }', '{ field: years_activ, gte: 1 }');
    fs.writeFileSync(rules, text);
    const line = text.split('\n').findIndex((l) => l.includes('years_activ,')) + 1;

    const refused = await script('journey-publish', ['work', '--comment', 'broken']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Not published: 1 problem(s) in work:');
    expect(refused.stderr).toContain(`work/dialogs/rules.yaml: eligibility.criteria[1].when: unknown field "years_activ"`);
    expect(refused.stderr).toContain(`(line ${line})`);
    expect((await storeVersions()).map((v) => v.number)).toEqual([1]);
  });

  test('usage errors exit 2 and say how', async () => {
    expect(await script('journey-export', [])).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run journey:export -- --out <folder>') });
    expect(await script('journey-publish', [])).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run journey:publish') });
    expect(await script('journey-publish', ['nowhere'])).toMatchObject({ code: 2, stderr: expect.stringContaining('No dialogs/ or cards/ in nowhere') });
  });

  test('flow:check counts the scenarios, plays them with --scenarios, and names a broken one', async () => {
    const checked = await script('flow-check', ['--scenarios']);
    expect(checked.stdout).toMatch(/^OK: \d+ questions in \d+ sections, 4 programmes, \d+ texts, \d+ scenarios\.\nAll \d+ scenarios pass\.\n$/);
    expect(checked.code).toBe(0);

    await script('journey-export', ['--out', 'work']);
    const scenario = path.join(tmp.dir, 'work', 'dialogs', 'scenarios', 'booster-strategie-dans-la-duree.yaml');
    fs.writeFileSync(scenario, fs.readFileSync(scenario, 'utf8').replace('    Personnes disponibles: 3\n', '    Personnes dispo: 3\n'));
    const broken = await script('flow-check', [path.join('work', 'dialogs'), path.join('work', 'cards')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('work/dialogs/scenarios/booster-strategie-dans-la-duree.yaml: stored.Besoins.Personnes dispo: "Personnes dispo" is not a field of Besoins');
  });
});
