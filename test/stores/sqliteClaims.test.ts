import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import type { LeasedClaims } from '../../src/stores/leasedClaims';
import { sqliteClaims } from '../../src/stores/sqlite/sqliteClaims';
import { claimsContract } from './claimsContract';
import { makeTempDir } from './tempDir';

/** Each `open` is another connection to the same file: another process. */
let temp: ReturnType<typeof makeTempDir>;
let dbs: Database[] = [];
let opened: LeasedClaims[] = [];
let now = 0;
const clock = () => now;

const open = (options: { renew?: boolean; leaseMs?: number } = {}) => {
  const db = openDatabase(temp.dir);
  dbs.push(db);
  const claims = sqliteClaims(db, { now: clock, leaseMs: options.leaseMs ?? 60_000, renewEveryMs: options.renew === false ? 0 : undefined });
  opened.push(claims);
  return claims;
};

claimsContract('SQLite', {
  setup: async () => {
    temp = makeTempDir();
    now = Date.UTC(2026, 2, 1);
  },
  open,
  lapse: async () => {
    now += 60_001;
  },
  teardown: async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
    dbs.splice(0).forEach(closeDatabase);
    temp.cleanup();
  },
});

describe('SQLite claims in time', () => {
  beforeEach(() => {
    temp = makeTempDir();
    now = 0;
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
    dbs.splice(0).forEach(closeDatabase);
    temp.cleanup();
  });

  it('a live holder keeps its claim for as long as it renews it, far past one lease; a dead one loses it one lease after its last renewal', async () => {
    const live = open({ renew: false, leaseMs: 60_000 });
    const dead = open({ renew: false, leaseMs: 60_000 });
    const other = open({ leaseMs: 60_000 });
    const kept = await live.acquire('need:R1');
    await dead.acquire('need:R2');
    for (let minute = 0; minute < 10; minute++) {
      now += 40_000;
      await live.renewAll();
      expect(await other.acquire('need:R1')).toBeUndefined();
    }
    expect(kept!.signal.aborted).toBe(false);
    // The dead holder renewed nothing for 400 s: R2 went free after its 60 s lease.
    expect(await other.acquire('need:R2')).toBeDefined();
  });
});
