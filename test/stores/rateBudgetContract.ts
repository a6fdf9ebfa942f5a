import type { RateBudgetStore } from '../../src/stores/rateBudget';

export interface RateBudgetHarness {
  setup(): Promise<void>;
  /** The budget store of another process on the same store. */
  open(): RateBudgetStore;
  teardown(): Promise<void>;
}

const RULE = { limit: 5, windowMs: 1100 };

/** The RateBudgetStore contract (src/stores/rateBudget.ts), run against SQLite and Azure Blob Storage. */
export function rateBudgetContract(name: string, harness: RateBudgetHarness): void {
  describe(`${name}: the shared request budget`, () => {
    beforeEach(() => harness.setup());
    afterEach(() => harness.teardown());

    it('12 requests at the same instant from three processes: 5 slots given, the others told when the window frees', async () => {
      const stores = [harness.open(), harness.open(), harness.open()];
      const t = 1_000_000;
      const waits = await Promise.all(Array.from({ length: 12 }, (_, i) => stores[i % 3].take('airtable:app1', RULE, t)));
      expect(waits.filter((w) => w === 0)).toHaveLength(5);
      expect(waits.filter((w) => w !== 0)).toEqual(Array(7).fill(1100));
      // Another key has its own budget.
      expect(await stores[0].take('airtable:app2', RULE, t)).toBe(0);
      // Not before the window has passed, then 5 more.
      expect(await stores[1].take('airtable:app1', RULE, t + 1099)).toBe(1);
      const later = await Promise.all(Array.from({ length: 6 }, (_, i) => stores[i % 3].take('airtable:app1', RULE, t + 1100)));
      expect(later.filter((w) => w === 0)).toHaveLength(5);
    });

    it('a lockout set by one process silences all of them until it ends, and is never shortened', async () => {
      const [a, b] = [harness.open(), harness.open()];
      await a.pauseUntil('airtable:app1', 31_000);
      await b.pauseUntil('airtable:app1', 20_000);
      expect(await b.take('airtable:app1', RULE, 1000)).toBe(30_000);
      expect(await a.take('airtable:app1', RULE, 30_999)).toBe(1);
      expect(await b.take('airtable:app1', RULE, 31_000)).toBe(0);
    });
  });
}
