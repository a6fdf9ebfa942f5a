import { closeDatabase, openDatabase, type Database } from '../../src/stores/sqlite/database';
import { SqliteNeedsJournal } from '../../src/stores/sqlite/sqliteNeedsJournal';
import { makeTempDir, manualClock } from './tempDir';

describe('SqliteNeedsJournal', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let clock: ReturnType<typeof manualClock>;
  const opened: Database[] = [];
  const openJournal = (): SqliteNeedsJournal => {
    const db = openDatabase(temp.dir);
    opened.push(db);
    return new SqliteNeedsJournal(db, clock.now);
  };
  /** Saves with the clock moved on, so that each entry has its own timestamp. */
  const saveLater = async (journal: SqliteNeedsJournal, reference: string, conversationId = 'conv-1') => {
    clock.advance(1000);
    return await journal.save(reference, conversationId, { description: reference });
  };

  beforeEach(() => {
    temp = makeTempDir();
    clock = manualClock();
  });
  afterEach(() => {
    opened.splice(0).forEach(closeDatabase);
    temp.cleanup();
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
      closeDatabase(opened.pop()!);

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
});
