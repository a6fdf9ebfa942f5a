/**
 * The recorder around the SQLite store: a turn counts only once its state is saved (commit), a
 * batch waits for the turns reserved in it, a failed write is retried with the same content and
 * counted once, and a track it cannot read starts afresh.
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import type { TurnFacts } from '../../src/insights/advance';
import { InsightsRecorder } from '../../src/insights/recorder';
import type { InsightsTrack } from '../../src/insights/track';
import { closeDatabase, DATABASE_FILE, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteInsightsStore } from '../../src/stores/sqlite/sqliteInsightsStore';
import { sharedFlow } from '../support/channelHarness';
import { makeTempDir } from '../stores/tempDir';

const flow = sharedFlow();
const AT = new Date('2026-11-23T09:00:00Z');
const facts = (over: Partial<TurnFacts> = {}): TurnFacts => ({ flow, version: 1, channel: 'Site web', lang: 'fr', now: AT, phase: 'asking', answers: {}, events: [], ...over });
const consented = { consent: { v: true } };
const cellsNamed = async (store: SqliteInsightsStore) =>
  Object.fromEntries((await store.read()).cells.map((c) => [`${c.day} ${c.node || '-'}.${c.metric}${c.metric === 'frontier' ? '' : c.detail ? `:${c.detail}` : ''}`, c.n]));

describe('InsightsRecorder', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: ReturnType<typeof openDatabase>;
  let store: SqliteInsightsStore;
  let recorder: InsightsRecorder;
  beforeEach(() => {
    temp = makeTempDir();
    db = openDatabase(temp.dir);
    store = new SqliteInsightsStore(db);
    recorder = new InsightsRecorder(store, { timeZone: 'Europe/Paris', flushIntervalMs: 3_600_000 });
  });
  afterEach(async () => {
    await recorder.close();
    closeDatabase(db);
    temp.cleanup();
  });

  test('a turn whose state was not saved (aborted) counts nothing; the one saved instead counts once', async () => {
    const first = await recorder.prepare(undefined, facts());
    first.abort();
    // The turn ran again on the fresh state (optimistic concurrency) and was saved.
    const again = await recorder.prepare(undefined, facts());
    again.commit();
    await recorder.flush();
    expect(await cellsNamed(store)).toEqual({ '2026-11-23 -.started': 1, '2026-11-23 consent.reached': 1, '2026-11-23 consent.frontier': 1 });
    expect(again.track).toMatchObject({ status: 'open', batch: { writer: recorder.writer, seq: 1 } });
  });

  test('a batch is written once the turns reserved in it have committed, with their changes', async () => {
    const turn = await recorder.prepare(undefined, facts());
    const flushed = recorder.flush();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(await store.committedThrough(recorder.writer)).toBe(0);
    turn.commit();
    await flushed;
    expect(await store.committedThrough(recorder.writer)).toBe(1);
    expect((await cellsNamed(store))['2026-11-23 consent.reached']).toBe(1);
  });

  test('a flush asked while another runs also writes what was committed after that one began', async () => {
    const t1 = await recorder.prepare(undefined, facts());
    const first = recorder.flush(); // waits for t1
    const t2 = await recorder.prepare(undefined, facts({ channel: 'Teams' }));
    t2.commit();
    const second = recorder.flush();
    t1.commit();
    await Promise.all([first, second]);
    expect(await store.committedThrough(recorder.writer)).toBe(2);
    expect((await store.read()).cells.filter((c) => c.metric === 'started').map((c) => c.channel).sort()).toEqual(['Site web', 'Teams']);
  });

  test('a write that fails (database locked) is retried at the next flush and counted once', async () => {
    // A connection that gives up at once when locked, and another process holding the write lock.
    const impatient = new BetterSqlite3(path.join(temp.dir, DATABASE_FILE), { timeout: 0 });
    const impatientStore = new SqliteInsightsStore(impatient);
    const r = new InsightsRecorder(impatientStore, { timeZone: 'Europe/Paris', flushIntervalMs: 3_600_000 });
    const locker = new BetterSqlite3(path.join(temp.dir, DATABASE_FILE));
    try {
      const t1 = await r.prepare(undefined, facts());
      t1.commit();
      locker.prepare('BEGIN IMMEDIATE').run();
      await r.flush();
      expect(await store.committedThrough(r.writer)).toBe(0);
      locker.prepare('COMMIT').run();
      const t2 = await r.prepare(t1.track, facts({ answers: consented, now: new Date(AT.getTime() + 60_000) }));
      t2.commit();
      await r.flush();
      expect(await store.committedThrough(r.writer)).toBe(2);
      const cells = await cellsNamed(store);
      expect(cells).toMatchObject({ '2026-11-23 -.started': 1, '2026-11-23 consent.reached': 1, '2026-11-23 consent.answered': 1, '2026-11-23 name.reached': 1, '2026-11-23 name.frontier': 1 });
      expect(cells['2026-11-23 consent.frontier']).toBeUndefined();
    } finally {
      await r.close();
      locker.close();
      impatient.close();
    }
  });

  test('journeys count on the day they started on the operator’s clock, and keep that day', async () => {
    const lateEvening = new Date('2026-11-23T23:30:00Z'); // already the 24th in Paris
    const t1 = await recorder.prepare(undefined, facts({ now: lateEvening }));
    t1.commit();
    const t2 = await recorder.prepare(t1.track, facts({ now: new Date('2026-11-25T08:00:00Z'), answers: consented }));
    t2.commit();
    await recorder.flush();
    expect(await cellsNamed(store)).toMatchObject({ '2026-11-24 consent.answered': 1, '2026-11-24 name.frontier': 1 });
    expect(Object.keys(await cellsNamed(store)).every((k) => k.startsWith('2026-11-24 '))).toBe(true);
  });

  test('an unreadable track is ignored (a new one starts); events naming no step of the flow are ignored', async () => {
    const t = await recorder.prepare({ status: 'open', version: 'x' }, facts({ events: [{ kind: 'why', step: 'no_such_step' }, { kind: 'why', step: 'consent' }] }));
    t.commit();
    await recorder.flush();
    expect((t.track as InsightsTrack).why).toEqual(['consent']);
    expect(await cellsNamed(store)).toMatchObject({ '2026-11-23 -.started': 1, '2026-11-23 consent.why': 1 });
  });

  test('a call back after completion is added once; turns after it change nothing', async () => {
    const answers = { ...consented };
    let track: unknown;
    for (const phase of ['asking', 'done', 'done', 'done'] as const) {
      const events = phase === 'done' ? [{ kind: 'callback' as const }] : [];
      const t = await recorder.prepare(track, facts({ phase, answers, events }));
      t.commit();
      track = t.track;
    }
    await recorder.flush();
    const cells = await cellsNamed(store);
    expect(cells).toMatchObject({ '2026-11-23 -.started': 1, '2026-11-23 -.completed': 1, '2026-11-23 -.callback': 1, '2026-11-23 @summary.answered': 1 });
    expect(await store.committedThrough(recorder.writer)).toBe(1);
  });
});
