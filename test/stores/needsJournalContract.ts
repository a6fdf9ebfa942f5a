import { type JournalEntry, NeedErasedError, type NeedsJournal } from '../../src/stores/needsJournal';
import { manualClock } from './tempDir';

/** How the contract reaches one adapter. */
export interface JournalHarness {
  /** A fresh, empty store for the next test. */
  setup(): Promise<void>;
  /** A journal on the current store: each call is another connection (another instance). */
  open(now: () => Date): NeedsJournal;
  /** Closes every journal opened since setup (as a restart would). */
  closeAll(): Promise<void>;
  /** Removes the store. */
  teardown(): Promise<void>;
}

/**
 * The NeedsJournal contract (src/stores/needsJournal.ts), run against every adapter: SQLite
 * (test/stores/sqliteNeedsJournal.test.ts) and Azure Blob Storage (test/stores/azure/).
 */
export function needsJournalContract(name: string, harness: JournalHarness): void {
  describe(`${name}: the NeedsJournal contract`, () => {
    let clock: ReturnType<typeof manualClock>;
    const openJournal = (): NeedsJournal => harness.open(clock.now);
    /** Saves with the clock moved on, so that each entry has its own timestamp. */
    const saveLater = async (journal: NeedsJournal, reference: string, conversationId = 'conv-1'): Promise<JournalEntry> => {
      clock.advance(1000);
      return await journal.save(reference, conversationId, { description: reference });
    };

    beforeEach(async () => {
      clock = manualClock();
      await harness.setup();
    });
    afterEach(async () => {
      await harness.closeAll();
      await harness.teardown();
    });

    describe('nextReference', () => {
      it('numbers sequentially per prefix and year, with 5 digits', async () => {
        const journal = openJournal();
        expect(await journal.nextReference('PBL', 2026)).toBe('PBL-2026-00001');
        expect(await journal.nextReference('PBL', 2026)).toBe('PBL-2026-00002');
        expect(await journal.nextReference('PBL', 2027)).toBe('PBL-2027-00001');
        expect(await journal.nextReference('PBF', 2026)).toBe('PBF-2026-00001');
        expect(await journal.nextReference('PBL', 2026)).toBe('PBL-2026-00003');
      });

      it('continues the sequence after a restart', async () => {
        const before = openJournal();
        await before.nextReference('PBL', 2026);
        await before.nextReference('PBL', 2026);
        await harness.closeAll();

        expect(await openJournal().nextReference('PBL', 2026)).toBe('PBL-2026-00003');
      });

      it('never reuses a reference whose need was erased', async () => {
        const journal = openJournal();
        const reference = await journal.nextReference('PBL', 2026);
        await journal.save(reference, 'conv-1', {});
        await journal.erase(reference);
        expect(await journal.nextReference('PBL', 2026)).toBe('PBL-2026-00002');
      });

      it('rejects an empty prefix or a non-integer year', async () => {
        const journal = openJournal();
        await expect(journal.nextReference('', 2026)).rejects.toThrow(RangeError);
        await expect(journal.nextReference('PBL', 2026.5)).rejects.toThrow(RangeError);
      });
    });

    describe('save', () => {
      it('inserts version 1, pending, with its record', async () => {
        const journal = openJournal();
        const entry = await journal.save('PBL-2026-00001', 'conv-1', { Nom: 'Asso', Salariés: 3 });
        expect(entry).toEqual({
          reference: 'PBL-2026-00001',
          conversationId: 'conv-1',
          record: { Nom: 'Asso', Salariés: 3 },
          version: 1,
          createdAt: '2026-03-01T10:00:00.000Z',
          updatedAt: '2026-03-01T10:00:00.000Z',
          syncStatus: 'pending',
        });
        expect(await journal.get('PBL-2026-00001')).toEqual(entry);
      });

      it('replaces the record of the same reference, bumping the version', async () => {
        const journal = openJournal();
        await journal.save('PBL-2026-00001', 'conv-1', { Nom: 'Asso', Description: 'first' });
        await journal.markFailed('PBL-2026-00001', 1, 'HTTP 503');
        clock.advance(5000);

        const second = await journal.save('PBL-2026-00001', 'conv-1', { Nom: 'Asso' });
        expect(second).toMatchObject({
          version: 2,
          record: { Nom: 'Asso' },
          syncStatus: 'pending',
          createdAt: '2026-03-01T10:00:00.000Z',
          updatedAt: '2026-03-01T10:00:05.000Z',
        });
        expect(second.syncError).toBeUndefined();
        expect(await journal.all()).toEqual([second]);
      });

      it('is readable from another connection once it returns', async () => {
        await openJournal().save('PBL-2026-00001', 'conv-1', { Nom: 'Asso' });
        expect((await openJournal().get('PBL-2026-00001'))?.record).toEqual({ Nom: 'Asso' });
      });

      it('keeps accented text, emoji and odd conversation ids intact', async () => {
        const journal = openJournal();
        const record = { Nom: 'Épicerie solidaire « Les Zèbres » 🦓', Causes: ['Égalité femmes-hommes'] };
        const conversationId = 'a:1Xé/ü?&=#%20 conv';
        await journal.save('PBL-2026-00007', conversationId, record);
        await journal.markFailed('PBL-2026-00007', 1, 'Champ « Référence » refusé ✗');
        expect(await openJournal().get('PBL-2026-00007')).toMatchObject({
          conversationId,
          record,
          syncStatus: 'failed',
          syncError: 'Champ « Référence » refusé ✗',
        });
        expect((await journal.byConversation(conversationId)).map((entry) => entry.reference)).toEqual(['PBL-2026-00007']);
      });
    });

    describe('sync status', () => {
      it('markSynced and markFailed apply to the current version only', async () => {
        const journal = openJournal();
        await journal.save('R1', 'conv-1', { v: 1 });
        await journal.save('R1', 'conv-1', { v: 2 });

        await journal.markSynced('R1', 1);
        await journal.markFailed('R1', 1, 'late failure of an old version');
        expect(await journal.get('R1')).toMatchObject({ version: 2, syncStatus: 'pending' });

        await journal.markFailed('R1', 2, 'HTTP 422');
        expect(await journal.get('R1')).toMatchObject({ syncStatus: 'failed', syncError: 'HTTP 422' });
        await journal.markSynced('R1', 2);
        expect(await journal.get('R1')).toMatchObject({ syncStatus: 'synced' });
        expect((await journal.get('R1'))?.syncError).toBeUndefined();
      });

      it('pending lists unsynced entries, pending before failed, least recently saved first', async () => {
        const journal = openJournal();
        for (const reference of ['R1', 'R2', 'R3', 'R4', 'R5']) await saveLater(journal, reference);
        await journal.markFailed('R1', 1, 'boom');
        await journal.markSynced('R3', 1);
        await saveLater(journal, 'R2'); // saved again: now the most recent

        const refs = async (limit: number) => (await journal.pending(limit)).map((entry) => entry.reference);
        expect(await refs(10)).toEqual(['R4', 'R5', 'R2', 'R1']);
        expect(await refs(2)).toEqual(['R4', 'R5']);
      });

      it('marking an erased need does nothing', async () => {
        const journal = openJournal();
        await journal.save('R1', 'conv-1', {});
        await journal.erase('R1');
        await journal.markSynced('R1', 1);
        await journal.markFailed('R1', 1, 'late');
        expect(await journal.get('R1')).toBeUndefined();
        expect(await journal.all()).toEqual([]);
      });
    });

    describe('queries', () => {
      it('all and byConversation list oldest first', async () => {
        const journal = openJournal();
        await saveLater(journal, 'R1', 'conv-a');
        await saveLater(journal, 'R2', 'conv-b');
        await saveLater(journal, 'R3', 'conv-a');
        await saveLater(journal, 'R1', 'conv-a'); // an update does not move an entry

        expect((await journal.all()).map((entry) => entry.reference)).toEqual(['R1', 'R2', 'R3']);
        expect((await journal.byConversation('conv-a')).map((entry) => entry.reference)).toEqual(['R1', 'R3']);
        expect(await journal.byConversation('nobody')).toEqual([]);
      });

      it('erase removes one entry and says whether there was one', async () => {
        const journal = openJournal();
        await journal.save('R1', 'conv-1', {});
        await journal.save('R2', 'conv-1', {});

        expect(await journal.erase('R1')).toBe(true);
        expect(await journal.erase('R1')).toBe(false);
        expect(await journal.get('R1')).toBeUndefined();
        expect((await journal.all()).map((entry) => entry.reference)).toEqual(['R2']);
      });
    });

    describe('erasure leaves a tombstone', () => {
      it('an erased need is gone from every read, and remembered as erased', async () => {
        const journal = openJournal();
        await saveLater(journal, 'R1', 'conv-a');
        await saveLater(journal, 'R2', 'conv-a');
        await journal.erase('R1');
        const other = openJournal();
        expect(await other.get('R1')).toBeUndefined();
        expect((await other.byConversation('conv-a')).map((e) => e.reference)).toEqual(['R2']);
        expect((await other.all()).map((e) => e.reference)).toEqual(['R2']);
        expect((await other.pending(10)).map((e) => e.reference)).toEqual(['R2']);
        expect((await other.unsynced()).map((e) => e.reference)).toEqual(['R2']);
        expect(await other.isErased('R1')).toBe(true);
        expect(await other.isErased('R2')).toBe(false);
        expect(await other.isErased('R9')).toBe(false);
      });

      it('a save racing the erasure cannot bring the need back; late sync results change nothing', async () => {
        const journal = openJournal();
        await journal.save('R1', 'conv-a', { Nom: 'Asso' });
        await journal.erase('R1');
        await expect(openJournal().save('R1', 'conv-a', { Nom: 'Asso' })).rejects.toBeInstanceOf(NeedErasedError);
        await journal.markFailed('R1', 1, 'late');
        await journal.markSynced('R1', 2);
        expect(await journal.get('R1')).toBeUndefined();
        expect(await journal.isErased('R1')).toBe(true);
      });

      it('erasing a reference never saved here still marks it (a staff erasure by reference)', async () => {
        const journal = openJournal();
        expect(await journal.erase('R7')).toBe(false);
        expect(await journal.isErased('R7')).toBe(true);
        await expect(journal.save('R7', 'conv-z', {})).rejects.toBeInstanceOf(NeedErasedError);
      });

      it('unsynced lists what pending lists, in the same order, without records', async () => {
        const journal = openJournal();
        for (const reference of ['R1', 'R2', 'R3']) await saveLater(journal, reference);
        await journal.markFailed('R1', 1, 'boom');
        await journal.markSynced('R3', 1);
        expect(await journal.unsynced()).toEqual([
          { reference: 'R2', version: 1, syncStatus: 'pending', updatedAt: '2026-03-01T10:00:02.000Z' },
          { reference: 'R1', version: 1, syncStatus: 'failed', updatedAt: '2026-03-01T10:00:01.000Z' },
        ]);
      });
    });

    describe('two connections (two instances) on the same store', () => {
      it('hands out distinct, consecutive references to concurrent callers', async () => {
        const a = openJournal();
        const b = openJournal();
        const calls = Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).nextReference('PBL', 2026));
        const references = await Promise.all(calls);
        const expected = Array.from({ length: 20 }, (_, i) => `PBL-2026-${String(i + 1).padStart(5, '0')}`);
        expect([...references].sort()).toEqual(expected);
      });

      it('loses no save when both save the same need at once', async () => {
        const a = openJournal();
        const b = openJournal();
        const saves = Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).save('R1', 'conv-1', { n: i }));
        const versions = (await Promise.all(saves)).map((entry) => entry.version);
        expect([...versions].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(await a.get('R1')).toMatchObject({ version: 10, syncStatus: 'pending' });
      });

      it('a sync result for a version saved over by the other instance is ignored', async () => {
        const a = openJournal();
        const b = openJournal();
        await a.save('R1', 'conv-1', { v: 1 });
        const [sent] = await a.pending(1);
        await b.save('R1', 'conv-1', { v: 2 });
        await a.markSynced('R1', sent.version);
        expect(await b.get('R1')).toMatchObject({ version: 2, record: { v: 2 }, syncStatus: 'pending' });
      });
    });
  });
}
