import { ERASURE_REQUEST_ATTEMPTS } from '../../src/airtable/erasureTask';
import type { Fault, LoggedRequest } from '../airtable/fakeAirtable';
import { BASE, makeRecord } from '../airtable/helpers';
import { type ErasureWorld, makeErasureWorld } from './erasureWorld';

/**
 * The right to erasure against the Airtable stand-in, on a virtual clock: the local part is done
 * at once whatever Airtable does, and the staff base's part is an outbox task that gets through
 * outages, races with the sync, and answers lost on the way.
 */
const MINUTE = 60_000;

describe('erasure: local first, the staff base by a durable task', () => {
  let w: ErasureWorld;
  beforeEach(async () => {
    w = await makeErasureWorld();
  });
  afterEach(() => w.close());

  const besoins = (reference: string) => w.fake.records('Besoins').filter((r) => r.fields['Référence'] === reference);
  const hasContact = () => w.fake.records('Structures').some((s) => s.fields.Contact === 'Camille Martin' || s.fields.Email === 'camille@example.org');
  const sentNeed = (reference: string) => w.fake.requests.filter((r) => r.path === `/v0/${BASE}/Besoins` && JSON.stringify(r.body ?? null).includes(reference));

  test('during a 5-minute Airtable outage: the local data is gone at once, the task waits in bounded tries, then deletes the records', async () => {
    const reference = 'PBL-2026-00001';
    await w.recordAndSync(reference, 'conv-a');
    expect(besoins(reference)).toHaveLength(1);
    expect(hasContact()).toBe(true);

    // 5xx, 429s and timeouts in turn, for 5 minutes of the clock.
    const outageEnd = w.clock.now() + 5 * MINUTE;
    const outage: Fault[] = [{ status: 503 }, { status: 429 }, 'hang', { status: 502 }];
    w.fake.fault = (_req: LoggedRequest, i: number) => (w.clock.now() < outageEnd ? outage[i % outage.length] : undefined);

    const before = w.fake.requests.length;
    const report = await w.erase('conv-a');
    // Done without a single request to Airtable: the user can be answered now.
    expect(w.fake.requests).toHaveLength(before);
    expect(report).toEqual({ references: [reference], airtableTask: expect.stringMatching(/^erase-[0-9a-f]{32}$/) });
    expect(await w.journal.get(reference)).toBeUndefined();
    expect(await w.journal.isErased(reference)).toBe(true);
    expect(await w.storage.read(['webchat/conversations/conv-a/'])).toEqual({});
    expect(await w.references.get('conv-a')).toBeUndefined();
    expect(await w.task(report.airtableTask!)).toMatchObject({ status: 'pending', attempts: 0, payload: { conversationId: 'conv-a', references: [reference] } });

    const passes: { failed: number; done: number; requests: number }[] = [];
    for (let i = 0; i < 40; i++) {
      const n = w.fake.requests.length;
      const pass = await w.worker.runDue();
      passes.push({ failed: pass.failed, done: pass.done, requests: w.fake.requests.length - n });
      const task = await w.task(report.airtableTask!);
      if (task!.status !== 'pending') break;
      if (task!.nextAttemptAt > w.clock.now()) w.clock.advance(task!.nextAttemptAt - w.clock.now());
    }
    const task = await w.task(report.airtableTask!);
    expect(task).toMatchObject({ status: 'done', result: { needs: [reference], structuresDeleted: 1, structuresCleared: 0 } });
    expect(task).not.toHaveProperty('payload');
    expect(w.clock.now()).toBeGreaterThanOrEqual(outageEnd);
    const failed = passes.filter((p) => p.failed);
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(task!.attempts).toBe(failed.length);
    // Each try during the outage stopped after a few requests: the task waits, never the worker.
    for (const p of failed) expect(p.requests).toBeLessThanOrEqual(ERASURE_REQUEST_ATTEMPTS);
    expect(passes.at(-1)).toMatchObject({ done: 1 });
    expect(besoins(reference)).toEqual([]);
    expect(hasContact()).toBe(false);
  });

  test('racing a sync that read the need before the erasure (held at its structure): the need is never sent, its structure is deleted', async () => {
    const reference = 'PBL-2026-00002';
    await w.journal.save(reference, 'conv-b', makeRecord(reference, { RNA: 'W593000002' }, { Conversation: 'conv-b' }));
    const slow = w.fake.holdFirst((req) => req.method === 'PATCH' && req.path === `/v0/${BASE}/Structures`);
    const syncing = w.sync.run();
    await slow.arrived;

    const report = await w.erase('conv-b');
    expect(await w.journal.get(reference)).toBeUndefined();
    // The sync holds the need's claim: the task waits for it, without a request to Airtable.
    const n = w.fake.requests.length;
    expect(await w.worker.runDue()).toMatchObject({ deferred: 1, done: 0, failed: 0 });
    expect(w.fake.requests).toHaveLength(n);
    expect((await w.task(report.airtableTask!))?.attempts).toBe(0);

    slow.release();
    expect(await syncing).toMatchObject({ synced: 0, failed: 0 });
    expect(sentNeed(reference)).toEqual([]);
    // What the sync had already sent (the structure, contact included) is the task's to delete.
    expect(hasContact()).toBe(true);
    w.clock.advance(5_000);
    expect(await w.worker.runDue()).toMatchObject({ done: 1 });
    expect(hasContact()).toBe(false);
    expect(w.fake.records('Structures')).toEqual([]);
    expect(besoins(reference)).toEqual([]);
    // And no later sync sends it.
    expect(await w.sync.run()).toMatchObject({ synced: 0, failed: 0 });
    expect(sentNeed(reference)).toEqual([]);
  });

  test('racing a sync whose upsert of the need was already on its way: the task deletes the need and its structure after it lands', async () => {
    const reference = 'PBL-2026-00003';
    await w.journal.save(reference, 'conv-c', makeRecord(reference, { RNA: 'W593000003' }, { Conversation: 'conv-c' }));
    const slow = w.fake.holdFirst((req) => req.method === 'PATCH' && req.path === `/v0/${BASE}/Besoins` && req.body?.performUpsert);
    const syncing = w.sync.run();
    await slow.arrived;

    const report = await w.erase('conv-c');
    expect(await w.worker.runDue()).toMatchObject({ deferred: 1 });
    slow.release();
    await syncing;
    expect(besoins(reference)).toHaveLength(1);
    w.clock.advance(5_000);
    expect(await w.worker.runDue()).toMatchObject({ done: 1 });
    expect(besoins(reference)).toEqual([]);
    expect(hasContact()).toBe(false);
    expect((await w.task(report.airtableTask!))?.status).toBe('done');
  });

  test('a DELETE Airtable applied but answered after the timeout: the retry finds it gone, and the clean-up goes on in the same try', async () => {
    const reference = 'PBL-2026-00004';
    await w.recordAndSync(reference, 'conv-d');
    let late = 0;
    w.fake.fault = (req) => (req.method === 'DELETE' && req.path.startsWith(`/v0/${BASE}/Besoins/`) && !late++ ? 'apply-then-hang' : undefined);
    const report = await w.erase('conv-d');
    expect(await w.worker.runDue()).toMatchObject({ done: 1, failed: 0 });
    const deletes = w.fake.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith(`/v0/${BASE}/Besoins/`));
    expect(deletes).toHaveLength(2);
    expect(deletes[0].path).toBe(deletes[1].path);
    expect(w.logLines().some((l) => l.failure === 'timeout' && l.method === 'DELETE')).toBe(true);
    expect(besoins(reference)).toEqual([]);
    expect(hasContact()).toBe(false);
    expect((await w.task(report.airtableTask!))?.result).toEqual({ needs: [reference], structuresDeleted: 1, structuresCleared: 0 });
  });

  test('a try that fails after deleting the needs resumes from what it found: the structure is still cleaned', async () => {
    const reference = 'PBL-2026-00005';
    await w.recordAndSync(reference, 'conv-e');
    const structureId = w.fake.records('Structures')[0].id;
    let gets = 0;
    w.fake.fault = (req) => (req.method === 'GET' && req.path === `/v0/${BASE}/Structures/${structureId}` && gets++ < ERASURE_REQUEST_ATTEMPTS ? { status: 503 } : undefined);
    const report = await w.erase('conv-e');
    expect(await w.worker.runDue()).toMatchObject({ failed: 1 });
    expect(besoins(reference)).toEqual([]);
    expect(hasContact()).toBe(true);
    const waiting = await w.task(report.airtableTask!);
    expect(waiting?.payload?.found).toEqual({ needs: [{ id: expect.stringMatching(/^rec/), reference }], structures: [structureId], missions: [], evaluations: [] });

    w.clock.advance(waiting!.nextAttemptAt - w.clock.now());
    const n = w.fake.requests.length;
    expect(await w.worker.runDue()).toMatchObject({ done: 1 });
    // No listing again: the second try went straight to what was left.
    expect(w.fake.requests.slice(n).some((r) => r.query.filterByFormula)).toBe(false);
    expect(hasContact()).toBe(false);
  });
});
