import type { LeasedClaims } from '../../src/stores/leasedClaims';
import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { sqliteClaims } from '../../src/stores/sqlite/sqliteClaims';
import { SqliteNeedsJournal } from '../../src/stores/sqlite/sqliteNeedsJournal';
import { SqliteRateBudget } from '../../src/stores/sqlite/sqliteRateBudget';
import { makeTempDir } from '../stores/tempDir';
import { drainWithTwoInstances } from './sharedBudget';

/** The server and a script (or two processes) on one SQLite file share 5 requests a second. */
test('two instances on one SQLite file drain a backlog within 5 requests a second between them', async () => {
  const temp = makeTempDir();
  const dbs: Database[] = [];
  const claims: LeasedClaims[] = [];
  try {
    await drainWithTwoInstances(() => {
      const db = openDatabase(temp.dir);
      dbs.push(db);
      const c = sqliteClaims(db);
      claims.push(c);
      return { journal: new SqliteNeedsJournal(db), claims: c, budget: new SqliteRateBudget(db) };
    });
  } finally {
    await Promise.all(claims.map((c) => c.close()));
    dbs.forEach(closeDatabase);
    temp.cleanup();
  }
}, 60_000);
