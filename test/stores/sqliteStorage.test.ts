import { closeDatabase, openDatabase, type Database } from '../../src/stores/sqlite/database';
import { SqliteStorage } from '../../src/stores/sqlite/sqliteStorage';
import { makeTempDir, manualClock } from './tempDir';

describe('SqliteStorage', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const opened: Database[] = [];
  const open = (): Database => {
    const db = openDatabase(temp.dir);
    opened.push(db);
    return db;
  };

  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => {
    opened.splice(0).forEach(closeDatabase);
    temp.cleanup();
  });

  it('round-trips items as JSON with a string eTag, and deletes them', async () => {
    const storage = new SqliteStorage(open());
    await storage.write({ a: { count: 1, nested: { list: [1, 'two'] }, gone: undefined }, b: { x: true } });

    const read = await storage.read(['a', 'b', 'missing']);
    expect(Object.keys(read)).toEqual(['a', 'b']);
    expect(read.a).toEqual({ count: 1, nested: { list: [1, 'two'] }, eTag: expect.any(String) });

    await storage.delete(['a', 'missing']);
    expect(await storage.read(['a', 'b'])).toEqual({ b: { x: true, eTag: expect.any(String) } });
  });

  it('assigns a new eTag on every write and leaves the caller item untouched', async () => {
    const storage = new SqliteStorage(open());
    const item = { n: 1 };
    await storage.write({ k: item });
    const first = (await storage.read(['k'])).k.eTag;
    await storage.write({ k: { n: 2, eTag: first } });
    const second = (await storage.read(['k'])).k.eTag;
    expect(second).not.toEqual(first);
    expect(item).toEqual({ n: 1 });
  });

  it('throws on an eTag conflict and writes nothing of the batch', async () => {
    const storage = new SqliteStorage(open());
    await storage.write({ a: { v: 'a1' }, b: { v: 'b1' } });

    await expect(
      storage.write({ b: { v: 'b2' }, a: { v: 'a2', eTag: 'stale' } }),
    ).rejects.toThrow('Storage: error writing "a" due to eTag conflict.');

    const read = await storage.read(['a', 'b']);
    expect([read.a.v, read.b.v]).toEqual(['a1', 'b1']);
  });

  it("writes unconditionally with eTag '*' or no eTag, or for a key not stored yet", async () => {
    const storage = new SqliteStorage(open());
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    await storage.write({ k: { v: 3 } });
    await storage.write({ fresh: { v: 1, eTag: 'whatever' } });
    const read = await storage.read(['k', 'fresh']);
    expect([read.k.v, read.fresh.v]).toEqual([3, 1]);
  });

  it('rejects missing keys or changes like MemoryStorage', async () => {
    const storage = new SqliteStorage(open());
    await expect(storage.read(undefined as unknown as string[])).rejects.toThrow(ReferenceError);
    await expect(storage.write(undefined as unknown as object)).rejects.toThrow(ReferenceError);
  });

  it('reads after a restart what was written before it', async () => {
    const before = open();
    await new SqliteStorage(before).write({ conv: { dialogStack: ['intake'] } });
    closeDatabase(before);

    const read = await new SqliteStorage(open()).read(['conv']);
    expect(read.conv.dialogStack).toEqual(['intake']);
  });

  it('lets only the first of two concurrent updates win', async () => {
    const storageA = new SqliteStorage(open());
    const storageB = new SqliteStorage(open()); // a second connection, like a second instance
    await storageA.write({ conv: { turn: 0 } });

    const a = (await storageA.read(['conv'])).conv;
    const b = (await storageB.read(['conv'])).conv;
    await storageA.write({ conv: { ...a, turn: 1 } });
    await expect(storageB.write({ conv: { ...b, turn: 2 } })).rejects.toThrow(/eTag conflict/);

    expect((await storageB.read(['conv'])).conv.turn).toBe(1);
  });

  it('deleteOlderThan removes only items not written since the cutoff', async () => {
    const clock = manualClock();
    const storage = new SqliteStorage(open(), clock.now);
    await storage.write({ old: { v: 1 }, rewritten: { v: 1 } });
    clock.advance(60_000);
    const cutoff = clock.now();
    await storage.write({ rewritten: { v: 2 }, recent: { v: 1 } });

    expect(storage.deleteOlderThan(cutoff)).toBe(1);
    expect(Object.keys(await storage.read(['old', 'rewritten', 'recent']))).toEqual([
      'rewritten',
      'recent',
    ]);
  });
});
