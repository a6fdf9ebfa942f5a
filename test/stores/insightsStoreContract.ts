import type { InsightsBatch, InsightsCell, InsightsStore } from '../../src/stores/insightsStore';

/** How the contract reaches one adapter. */
export interface InsightsHarness {
  /** A fresh, empty store for the next test. */
  setup(): Promise<void>;
  /** A store on the current storage: each call is another instance. */
  open(): InsightsStore;
  teardown(): Promise<void>;
}

const cell = (over: Partial<InsightsCell>): InsightsCell => ({ version: 1, day: '2026-11-23', channel: 'Site web', lang: 'fr', node: 'name', metric: 'reached', detail: '', n: 1, ...over });
const batch = (writer: string, seq: number, cells: InsightsCell[], versions: InsightsBatch['versions'] = []): InsightsBatch => ({ writer, seq, cells, versions });
const sorted = (cells: InsightsCell[]) => [...cells].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/**
 * The InsightsStore contract (src/stores/insightsStore.ts), run against every adapter: SQLite
 * (test/stores/sqliteInsightsStore.test.ts) and Azure Blob Storage (test/stores/azure/).
 */
export function insightsStoreContract(name: string, harness: InsightsHarness): void {
  describe(`${name}: the InsightsStore contract`, () => {
    beforeEach(() => harness.setup());
    afterEach(() => harness.teardown());

    it('sums the changes per cell; a cell back to zero is not read', async () => {
      const store = harness.open();
      await store.add(batch('w1', 1, [cell({ n: 2 }), cell({ metric: 'frontier', detail: '100' })]));
      await store.add(batch('w1', 2, [cell({ n: 1 }), cell({ metric: 'frontier', detail: '100', n: -1 }), cell({ metric: 'frontier', detail: '101' })]));
      expect(sorted((await store.read()).cells)).toEqual(sorted([cell({ n: 3 }), cell({ metric: 'frontier', detail: '101' })]));
    });

    it('adds a batch once: the same writer and seq again changes nothing', async () => {
      const store = harness.open();
      const b = batch('w1', 1, [cell({ n: 5 })]);
      await store.add(b);
      await store.add(b);
      await harness.open().add(b);
      expect((await store.read()).cells).toEqual([cell({ n: 5 })]);
    });

    it('says up to which batch each writer is stored', async () => {
      const store = harness.open();
      expect(await store.committedThrough('w1')).toBe(0);
      await store.add(batch('w1', 1, [cell({})]));
      await store.add(batch('w1', 2, [cell({})]));
      await store.add(batch('w2', 1, [cell({})]));
      expect(await harness.open().committedThrough('w1')).toBe(2);
      expect(await store.committedThrough('w2')).toBe(1);
      expect(await store.committedThrough('w3')).toBe(0);
    });

    it('reads by version and start-day period (inclusive), across months', async () => {
      const store = harness.open();
      await store.add(
        batch('w1', 1, [
          cell({ day: '2026-10-31' }),
          cell({ day: '2026-11-01' }),
          cell({ day: '2026-11-30', version: 2 }),
          cell({ day: '2026-12-01' }),
        ]),
      );
      const days = async (filter: Parameters<InsightsStore['read']>[0]) => (await store.read(filter)).cells.map((c) => `${c.version}:${c.day}`).sort();
      expect(await days({})).toEqual(['1:2026-10-31', '1:2026-11-01', '1:2026-12-01', '2:2026-11-30']);
      expect(await days({ from: '2026-11-01', to: '2026-11-30' })).toEqual(['1:2026-11-01', '2:2026-11-30']);
      expect(await days({ versions: [1], from: '2026-11-01' })).toEqual(['1:2026-11-01', '1:2026-12-01']);
      expect(await days({ to: '2026-10-31' })).toEqual(['1:2026-10-31']);
      expect(await days({ versions: [] })).toEqual([]);
    });

    it('keeps what reading each version needs', async () => {
      const store = harness.open();
      await store.add(batch('w1', 1, [cell({ version: 2 })], [{ version: 2, resumeAfterMinutes: 30, nodes: ['a', 'b', '@summary'] }]));
      await store.add(batch('w2', 1, [cell({})], [{ version: 1, resumeAfterMinutes: 60, nodes: ['a', '@summary'] }]));
      expect((await harness.open().read()).versions).toEqual([
        { version: 1, resumeAfterMinutes: 60, nodes: ['a', '@summary'] },
        { version: 2, resumeAfterMinutes: 30, nodes: ['a', 'b', '@summary'] },
      ]);
    });

    it('loses no increment when two instances write at once', async () => {
      const [a, b] = [harness.open(), harness.open()];
      const writes = (store: InsightsStore, writer: string) =>
        (async () => {
          for (let seq = 1; seq <= 15; seq++) await store.add(batch(writer, seq, [cell({ n: 1 }), cell({ node: 'consent', day: seq % 2 ? '2026-11-30' : '2026-12-01', n: 2 })]));
        })();
      await Promise.all([writes(a, 'wa'), writes(b, 'wb')]);
      const cells = (await harness.open().read()).cells;
      const sum = (node: string) => cells.filter((c) => c.node === node).reduce((s, c) => s + c.n, 0);
      expect(sum('name')).toBe(30);
      expect(sum('consent')).toBe(60);
    });
  });
}
