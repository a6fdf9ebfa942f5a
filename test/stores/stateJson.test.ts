import { TestAdapter, TurnContext } from 'botbuilder';
import { OptimisticConversationState } from '../../src/bot/optimisticState';
import { closeDatabase, openDatabase, type Database } from '../../src/stores/sqlite/database';
import { SqliteStorage } from '../../src/stores/sqlite/sqliteStorage';
import { markReadAs, willWriteAs } from '../../src/stores/stateJson';
import { makeTempDir } from './tempDir';

/** A turn's state is stringified once (stateJson.ts): what is stored must still be the state as it is when saved. */
describe('the state JSON shared by the store and the change check', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;
  let storage: SqliteStorage;

  beforeEach(() => {
    temp = makeTempDir();
    db = openDatabase(temp.dir);
    storage = new SqliteStorage(db);
  });
  afterEach(() => {
    closeDatabase(db);
    temp.cleanup();
  });

  const stored = () => db.prepare<[], { value: string; etag: string }>('SELECT value, etag FROM storage_items').all();
  const context = () =>
    new TurnContext(new TestAdapter(), { type: 'message', channelId: 'test', conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' } });

  it('stores every change of a turn, nested ones included, and writes nothing when the state did not change', async () => {
    const state = new OptimisticConversationState(storage);
    const property = state.createProperty<{ transcript: string[]; n: number }>('journey');

    const first = context();
    await state.load(first);
    await property.set(first, { transcript: ['bonjour'], n: 1 });
    await state.saveChanges(first);
    expect(stored().map((r) => JSON.parse(r.value))).toEqual([{ journey: { transcript: ['bonjour'], n: 1 } }]);

    const second = context();
    const journey = (await property.get(second))!;
    journey.transcript.push('12 salariés');
    journey.n = 2;
    await state.saveChanges(second);
    expect(stored().map((r) => JSON.parse(r.value))).toEqual([{ journey: { transcript: ['bonjour', '12 salariés'], n: 2 } }]);

    const third = context();
    await property.get(third);
    const etag = stored()[0].etag;
    await state.saveChanges(third);
    expect(stored()[0].etag).toBe(etag);
  });

  it('a released turn no longer holds its state, and reads the saved one again if asked', async () => {
    const state = new OptimisticConversationState(storage);
    const property = state.createProperty<{ n: number }>('journey');
    const turn = context();
    await property.set(turn, { n: 1 });
    await state.saveChanges(turn);
    const before = state.get(turn);
    expect(before).toMatchObject({ journey: { n: 1 } });
    state.release(turn);
    expect(state.get(turn)).toBeUndefined();
    const again = await property.get(turn);
    expect(again).toEqual({ n: 1 });
    expect(state.get(turn)).not.toBe(before);
    // Read back as stored: nothing changed, nothing written.
    const etag = stored()[0].etag;
    await state.saveChanges(turn);
    expect(stored()[0].etag).toBe(etag);
  });

  it('a second save in the same turn writes the state as changed since the first', async () => {
    const state = new OptimisticConversationState(storage);
    const property = state.createProperty<{ n: number }>('journey');
    const turn = context();
    await state.load(turn);
    await property.set(turn, { n: 1 });
    await state.saveChanges(turn);
    (await property.get(turn))!.n = 2;
    await state.saveChanges(turn);
    expect(JSON.parse(stored()[0].value)).toEqual({ journey: { n: 2 } });
  });

  it('the store never writes the text an item was read as, nor one announced for an earlier write', async () => {
    await storage.write({ k: { n: 1 } });
    const item = (await storage.read(['k'])).k;
    item.n = 2;
    await storage.write({ k: item });
    expect(JSON.parse(stored()[0].value)).toEqual({ n: 2 });

    const other = markReadAs({ n: 3 }, '{"n":"stale"}');
    willWriteAs(other, '{"n":3}');
    await storage.write({ k: other });
    other.n = 4;
    await storage.write({ k: other });
    expect(JSON.parse(stored()[0].value)).toEqual({ n: 4 });
  });
});
