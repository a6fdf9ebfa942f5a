import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteNeedsJournal } from '../../src/stores/sqlite/sqliteNeedsJournal';
import { SqliteStorage } from '../../src/stores/sqlite/sqliteStorage';
import { makeTempDir } from './tempDir';

const projectRoot = path.resolve(__dirname, '../..');
const sqliteDir = path.join(projectRoot, 'src/stores/sqlite');

/**
 * Runs in a child node process: loads the real TypeScript modules (transpiled on require by the
 * project's own typescript package), saves, then kills itself with SIGKILL: no exit hooks, no
 * close, no WAL checkpoint.
 */
const childScript = `
const fs = require('node:fs');
const ts = require('typescript');
require.extensions['.ts'] = (module, filename) => {
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  module._compile(ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions: options }).outputText, filename);
};
const dir = ${JSON.stringify(sqliteDir)};
const { openDatabase } = require(dir + '/database.ts');
const { SqliteNeedsJournal } = require(dir + '/sqliteNeedsJournal.ts');
const { SqliteStorage } = require(dir + '/sqliteStorage.ts');
const db = openDatabase(process.env.DATA_DIR);
// The conversation state on its own connection, as createStores opens it (synchronous = NORMAL).
const stateDb = openDatabase(process.env.DATA_DIR, { synchronous: 'NORMAL' });
const journal = new SqliteNeedsJournal(db);
journal
  .nextReference('PBL', 2026)
  .then((reference) => journal.save(reference, 'conv-1', { Nom: 'Asso' }))
  .then(() => new SqliteStorage(stateDb).write({ conv: { step: 'confirmed' } }))
  .then(() => process.kill(process.pid, 'SIGKILL'));
`;

describe('durability', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => temp.cleanup());

  it('keeps what was saved before the process was killed with SIGKILL', async () => {
    const child = spawnSync(process.execPath, ['-e', childScript], {
      cwd: projectRoot,
      env: { ...process.env, DATA_DIR: temp.dir },
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.signal).toBe('SIGKILL');

    const db = openDatabase(temp.dir);
    try {
      const journal = new SqliteNeedsJournal(db);
      expect((await journal.get('PBL-2026-00001'))?.record).toEqual({ Nom: 'Asso' });
      expect(await journal.nextReference('PBL', 2026)).toBe('PBL-2026-00002');
      expect((await new SqliteStorage(db).read(['conv'])).conv.step).toBe('confirmed');
    } finally {
      closeDatabase(db);
    }
  });
});
