import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { SqlitePartnerKeys } from '../../src/stores/sqlite/sqlitePartnerKeys';
import { makeTempDir } from '../stores/tempDir';
import { partnerKeysContract } from './partnerKeysContract';

let temp: ReturnType<typeof makeTempDir>;
const dbs: Database[] = [];

partnerKeysContract('SQLite', {
  setup: async () => {
    temp = makeTempDir();
  },
  open: () => {
    const db = openDatabase(temp.dir);
    dbs.push(db);
    return new SqlitePartnerKeys(db);
  },
  teardown: async () => {
    dbs.splice(0).forEach(closeDatabase);
    temp.cleanup();
  },
});
