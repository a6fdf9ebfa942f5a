import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteInsightsStore } from '../../src/stores/sqlite/sqliteInsightsStore';
import { insightsStoreContract } from './insightsStoreContract';
import { makeTempDir } from './tempDir';

/** The shared contract on the embedded SQLite file: each store is its own connection to the same file. */
let temp: ReturnType<typeof makeTempDir>;
const opened: Database[] = [];

insightsStoreContract('SqliteInsightsStore', {
  setup: async () => {
    temp = makeTempDir();
  },
  open: () => {
    const db = openDatabase(temp.dir);
    opened.push(db);
    return new SqliteInsightsStore(db);
  },
  teardown: async () => {
    opened.splice(0).forEach(closeDatabase);
    temp.cleanup();
  },
});
