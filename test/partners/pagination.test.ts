import fc from 'fast-check';
import { BadCursorError, paginate, type SortKey } from '../../src/partners/pagination';

interface Item {
  at: string;
  id: string;
  version: number;
}

const keyOf = (i: Item): SortKey => [i.at, i.id];
const iso = (n: number) => new Date(Date.UTC(2026, 2, 1) + n * 1000).toISOString();

/** Between two pages, the store changes: a new item (keys at any time, ties included), an item saved again, or one removed. */
const change = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), at: fc.integer({ min: 0, max: 40 }), id: fc.integer({ min: 0, max: 999 }) }),
  fc.record({ kind: fc.constant('save' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
);

describe('cursor pagination', () => {
  it('a walk never repeats an item, serves keys in order, and misses none that stayed from its start, whatever changes between pages', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ at: fc.integer({ min: 0, max: 40 }), id: fc.integer({ min: 0, max: 999 }) }), { selector: (r) => r.id, maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.array(change, { maxLength: 4 }), { maxLength: 40 }),
        (initial, limit, changes) => {
          const store = new Map<string, Item>(initial.map((r) => [`n${r.id}`, { at: iso(r.at), id: `n${r.id}`, version: 1 }]));
          const atStart = new Set(store.keys());
          const removed = new Set<string>();
          const seen: Item[] = [];
          let cursor: string | undefined;
          let step = 0;
          for (;;) {
            if (step > 200) throw new Error('the walk does not end');
            const page = paginate([...store.values()], keyOf, { cursor, limit, query: 'q' });
            expect(page.data.length).toBeLessThanOrEqual(limit);
            seen.push(...page.data);
            if (!page.nextCursor) break;
            cursor = page.nextCursor;
            for (const c of changes[step++] ?? []) {
              const ids = [...store.keys()];
              if (c.kind === 'add' && !store.has(`a${c.id}`)) store.set(`a${c.id}`, { at: iso(c.at), id: `a${c.id}`, version: 1 });
              if (c.kind === 'save' && ids.length) {
                const it = store.get(ids[c.pick % ids.length])!;
                store.set(it.id, { ...it, version: it.version + 1 }); // saved again: its key does not move
              }
              if (c.kind === 'remove' && ids.length) {
                removed.add(ids[c.pick % ids.length]);
                store.delete(ids[c.pick % ids.length]);
              }
            }
          }
          const ids = seen.map((i) => i.id);
          expect(new Set(ids).size).toBe(ids.length);
          const keys = seen.map((i) => `${i.at} ${i.id}`); // ISO times and ids without spaces: sort as the pairs do
          expect(keys).toEqual([...keys].sort());
          for (const id of atStart) if (!removed.has(id)) expect(ids).toContain(id);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a cursor of another query, and one that is not a cursor', () => {
    const items = [1, 2, 3].map((n) => ({ at: iso(n), id: `n${n}`, version: 1 }));
    const first = paginate(items, keyOf, { limit: 1, query: 'needs 2026-03-01T00:00:00.000Z' });
    expect(() => paginate(items, keyOf, { cursor: first.nextCursor!, limit: 1, query: 'needs ' })).toThrow(BadCursorError);
    for (const junk of ['!!', Buffer.from('{"k":[1,2],"q":"x"}').toString('base64url'), Buffer.from('null').toString('base64url')]) {
      expect(() => paginate(items, keyOf, { cursor: junk, limit: 1, query: 'q' })).toThrow('cursor: not a cursor this API gave');
    }
  });
});
