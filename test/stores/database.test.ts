import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { closeDatabase, MIGRATIONS, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteNeedsJournal } from '../../src/stores/sqlite/sqliteNeedsJournal';
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

  it('opens the conversation state connection without an fsync per commit, on the same WAL file', () => {
    const journal = openDatabase(temp.dir);
    const state = openDatabase(temp.dir, { synchronous: 'NORMAL' });
    expect(state.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(state.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    // Per connection: the journal's stays FULL.
    expect(journal.pragma('synchronous', { simple: true })).toBe(2);
    closeDatabase(state);
    closeDatabase(journal);
  });

  it('applies each migration once across reopenings', () => {
    closeDatabase(openDatabase(temp.dir));
    const db = openDatabase(temp.dir);
    const rows = db.prepare('SELECT version FROM schema_migrations').all();
    expect(rows).toEqual(MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    closeDatabase(db);
  });

  it('brings a file made by the previous release up to date, keeping its needs', async () => {
    // What a database in the field looks like: migrations 1 and 2 applied, one need recorded.
    const old = new BetterSqlite3(path.join(temp.dir, 'bot.sqlite'));
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const version of [1, 2]) {
      old.exec(MIGRATIONS[version - 1]);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(version, '2026-01-01T00:00:00.000Z');
    }
    old.prepare(`INSERT INTO needs VALUES ('PBL-2026-00001', 'conv-1', '{"Nom":"Asso"}', 2, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 'failed', 'HTTP 422')`).run();
    old.close();

    const db = openDatabase(temp.dir);
    const journal = new SqliteNeedsJournal(db);
    expect(await journal.get('PBL-2026-00001')).toMatchObject({ record: { Nom: 'Asso' }, version: 2, syncStatus: 'failed', syncError: 'HTTP 422' });
    expect(await journal.isErased('PBL-2026-00001')).toBe(false);
    await journal.erase('PBL-2026-00001');
    expect(await journal.isErased('PBL-2026-00001')).toBe(true);
    closeDatabase(db);
  });

  it('closeDatabase can be called twice', () => {
    const db = openDatabase(temp.dir);
    closeDatabase(db);
    expect(() => closeDatabase(db)).not.toThrow();
    expect(db.open).toBe(false);
  });
});
