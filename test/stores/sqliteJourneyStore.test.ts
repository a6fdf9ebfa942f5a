import { closeDatabase, openDatabase, type Database } from '../../src/stores/sqlite/database';
import { SqliteJourneyStore } from '../../src/stores/sqlite/sqliteJourneyStore';
import { journeyStoreContract } from './journeyStoreContract';
import { makeTempDir } from './tempDir';

/** The shared contract on the embedded SQLite file: each store is its own connection to the same file. */
let temp: ReturnType<typeof makeTempDir>;
const opened: Database[] = [];

journeyStoreContract('SqliteJourneyStore', {
  setup: async () => {
    temp = makeTempDir();
  },
  open: (now) => {
    const db = openDatabase(temp.dir);
    opened.push(db);
    return new SqliteJourneyStore(db, now);
  },
  closeAll: async () => {
    opened.splice(0).forEach(closeDatabase);
  },
  teardown: async () => {
    temp.cleanup();
  },
});
