import { emptyBudget, takeSlot } from '../../src/stores/rateBudget';
import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteRateBudget } from '../../src/stores/sqlite/sqliteRateBudget';
import { rateBudgetContract } from './rateBudgetContract';
import { makeTempDir } from './tempDir';

describe('takeSlot (the decision every store applies)', () => {
  const rule = { limit: 5, windowMs: 1000 };

  it('gives a slot while fewer than `limit` started in the window, else says how long until the oldest leaves it', () => {
    let state = emptyBudget();
    for (const t of [0, 100, 200, 300, 400]) {
      const out = takeSlot(state, rule, t);
      expect(out.waitMs).toBe(0);
      state = out.state;
    }
    expect(takeSlot(state, rule, 500)).toEqual({ state, waitMs: 500 });
    expect(takeSlot(state, rule, 999).waitMs).toBe(1);
    const next = takeSlot(state, rule, 1000);
    expect(next.waitMs).toBe(0);
    expect(next.state.starts).toEqual([100, 200, 300, 400, 1000]);
  });

  it('a lockout comes first; starts from a clock slightly ahead still count, for one window at most', () => {
    expect(takeSlot({ starts: [], pausedUntil: 30_000 }, rule, 1000).waitMs).toBe(29_000);
    const ahead = { starts: [1500, 1500, 1500, 1500, 1500], pausedUntil: 0 };
    expect(takeSlot(ahead, rule, 1000).waitMs).toBe(1000);
    const farAhead = { starts: [90_000, 90_000, 90_000, 90_000, 90_000], pausedUntil: 0 };
    expect(takeSlot(farAhead, rule, 1000).waitMs).toBe(0);
  });
});

let temp: ReturnType<typeof makeTempDir>;
const dbs: Database[] = [];
rateBudgetContract('SQLite', {
  setup: async () => {
    temp = makeTempDir();
  },
  open: () => {
    const db = openDatabase(temp.dir);
    dbs.push(db);
    return new SqliteRateBudget(db);
  },
  teardown: async () => {
    dbs.splice(0).forEach(closeDatabase);
    temp.cleanup();
  },
});
