import { ClaimingOutbox } from '../../src/stores/claimingOutbox';
import type { LeasedClaims } from '../../src/stores/leasedClaims';
import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { sqliteClaims } from '../../src/stores/sqlite/sqliteClaims';
import { SqliteTaskRecords } from '../../src/stores/sqlite/sqliteTaskRecords';
import { outboxContract } from './outboxContract';
import { makeTempDir } from './tempDir';

/** Each `open` is another connection to the same file (another process), on one shared clock. */
let temp: ReturnType<typeof makeTempDir>;
const dbs: Database[] = [];
const claims: LeasedClaims[] = [];
let now = 0;
const clock = { now: () => now, advance: (ms: number) => void (now += ms) };

outboxContract(
  'SQLite',
  {
    setup: async () => {
      temp = makeTempDir();
      now = Date.UTC(2026, 2, 1, 10);
    },
    open: () => {
      const db = openDatabase(temp.dir);
      dbs.push(db);
      // Leases outlast the clock moves of the tests: a lapse is played by `lapse`.
      const c = sqliteClaims(db, { now: clock.now, leaseMs: 365 * 86_400_000 });
      claims.push(c);
      return new ClaimingOutbox(new SqliteTaskRecords(db), c, clock.now);
    },
    lapse: async (name) => {
      dbs[0].prepare('UPDATE claims SET expires_at = 0 WHERE name = ?').run(name);
    },
    teardown: async () => {
      await Promise.all(claims.splice(0).map((c) => c.close()));
      dbs.splice(0).forEach(closeDatabase);
      temp.cleanup();
    },
  },
  clock,
);
