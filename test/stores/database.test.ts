import fs from 'node:fs';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { makeTempDir } from './tempDir';

describe('openDatabase', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => temp.cleanup());

  it('creates the missing data folder and one durable WAL file', () => {
    const dataDir = path.join(temp.dir, 'nested', 'data');
    const db = openDatabase(dataDir);
    expect(fs.existsSync(path.join(dataDir, 'bot.sqlite'))).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    closeDatabase(db);
  });

  it('applies each migration once across reopenings', () => {
    closeDatabase(openDatabase(temp.dir));
    const db = openDatabase(temp.dir);
    const rows = db.prepare('SELECT version FROM schema_migrations').all();
    expect(rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
    closeDatabase(db);
  });

  it('closeDatabase can be called twice', () => {
    const db = openDatabase(temp.dir);
    closeDatabase(db);
    expect(() => closeDatabase(db)).not.toThrow();
    expect(db.open).toBe(false);
  });
});
