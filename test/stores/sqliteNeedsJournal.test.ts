import { closeDatabase, openDatabase, type Database } from '../../src/stores/sqlite/database';
import { SqliteNeedsJournal } from '../../src/stores/sqlite/sqliteNeedsJournal';
import { needsJournalContract } from './needsJournalContract';
import { makeTempDir } from './tempDir';

/** The shared contract on the embedded SQLite file: each journal is its own connection to the same file. */
let temp: ReturnType<typeof makeTempDir>;
const opened: Database[] = [];

needsJournalContract('SqliteNeedsJournal', {
  setup: async () => {
    temp = makeTempDir();
  },
  open: (now) => {
    const db = openDatabase(temp.dir);
    opened.push(db);
    return new SqliteNeedsJournal(db, now);
  },
  closeAll: async () => {
    opened.splice(0).forEach(closeDatabase);
  },
  teardown: async () => {
    temp.cleanup();
  },
});
