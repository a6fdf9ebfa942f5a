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
  const saveLater = (journal: SqliteNeedsJournal, reference: string, conversationId = 'conv-1') => {
    clock.advance(1000);
    return journal.save(reference, conversationId, { description: reference });
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
    it('numbers sequentially per prefix and year, with 5 digits', () => {
      const journal = openJournal();
      expect(journal.nextReference('PBL', 2026)).toBe('PBL-2026-00001');
      expect(journal.nextReference('PBL', 2026)).toBe('PBL-2026-00002');
      expect(journal.nextReference('PBL', 2027)).toBe('PBL-2027-00001');
      expect(journal.nextReference('PBF', 2026)).toBe('PBF-2026-00001');
      expect(journal.nextReference('PBL', 2026)).toBe('PBL-2026-00003');
    });

    it('continues the sequence after a restart', () => {
      const before = openJournal();
      before.nextReference('PBL', 2026);
      before.nextReference('PBL', 2026);
      closeDatabase(opened.pop()!);

      expect(openJournal().nextReference('PBL', 2026)).toBe('PBL-2026-00003');
    });

    it('never reuses a reference whose need was erased', () => {
      const journal = openJournal();
      const reference = journal.nextReference('PBL', 2026);
      journal.save(reference, 'conv-1', {});
      journal.erase(reference);
      expect(journal.nextReference('PBL', 2026)).toBe('PBL-2026-00002');
    });

    it('rejects an empty prefix or a non-integer year', () => {
      const journal = openJournal();
      expect(() => journal.nextReference('', 2026)).toThrow(RangeError);
      expect(() => journal.nextReference('PBL', 2026.5)).toThrow(RangeError);
    });
  });

  describe('save', () => {
    it('inserts version 1, pending, with its record', () => {
      const journal = openJournal();
      const entry = journal.save('PBL-2026-00001', 'conv-1', { Nom: 'Asso', Salariés: 3 });
      expect(entry).toEqual({
        reference: 'PBL-2026-00001',
        conversationId: 'conv-1',
        record: { Nom: 'Asso', Salariés: 3 },
        version: 1,
        createdAt: '2026-03-01T10:00:00.000Z',
        updatedAt: '2026-03-01T10:00:00.000Z',
        syncStatus: 'pending',
      });
      expect(journal.get('PBL-2026-00001')).toEqual(entry);
    });

    it('replaces the record of the same reference, bumping the version', () => {
      const journal = openJournal();
      journal.save('PBL-2026-00001', 'conv-1', { Nom: 'Asso', Description: 'first' });
      journal.markFailed('PBL-2026-00001', 1, 'HTTP 503');
      clock.advance(5000);

      const second = journal.save('PBL-2026-00001', 'conv-1', { Nom: 'Asso' });
      expect(second).toMatchObject({
        version: 2,
        record: { Nom: 'Asso' },
        syncStatus: 'pending',
        createdAt: '2026-03-01T10:00:00.000Z',
        updatedAt: '2026-03-01T10:00:05.000Z',
      });
      expect(second.syncError).toBeUndefined();
      expect(journal.all()).toEqual([second]);
    });

    it('is readable from another connection once it returns', () => {
      openJournal().save('PBL-2026-00001', 'conv-1', { Nom: 'Asso' });
      expect(openJournal().get('PBL-2026-00001')?.record).toEqual({ Nom: 'Asso' });
    });
  });

  describe('sync status', () => {
    it('markSynced and markFailed apply to the current version only', () => {
      const journal = openJournal();
      journal.save('R1', 'conv-1', { v: 1 });
      journal.save('R1', 'conv-1', { v: 2 });

      journal.markSynced('R1', 1);
      journal.markFailed('R1', 1, 'late failure of an old version');
      expect(journal.get('R1')).toMatchObject({ version: 2, syncStatus: 'pending' });

      journal.markFailed('R1', 2, 'HTTP 422');
      expect(journal.get('R1')).toMatchObject({ syncStatus: 'failed', syncError: 'HTTP 422' });
      journal.markSynced('R1', 2);
      expect(journal.get('R1')).toMatchObject({ syncStatus: 'synced' });
      expect(journal.get('R1')?.syncError).toBeUndefined();
    });

    it('pending lists unsynced entries, pending before failed, least recently saved first', () => {
      const journal = openJournal();
      for (const reference of ['R1', 'R2', 'R3', 'R4', 'R5']) saveLater(journal, reference);
      journal.markFailed('R1', 1, 'boom');
      journal.markSynced('R3', 1);
      saveLater(journal, 'R2'); // saved again: now the most recent

      const refs = (limit: number) => journal.pending(limit).map((entry) => entry.reference);
      expect(refs(10)).toEqual(['R4', 'R5', 'R2', 'R1']);
      expect(refs(2)).toEqual(['R4', 'R5']);
    });
  });

  describe('queries', () => {
    it('all and byConversation list oldest first', () => {
      const journal = openJournal();
      saveLater(journal, 'R1', 'conv-a');
      saveLater(journal, 'R2', 'conv-b');
      saveLater(journal, 'R3', 'conv-a');
      saveLater(journal, 'R1', 'conv-a'); // an update does not move an entry

      expect(journal.all().map((entry) => entry.reference)).toEqual(['R1', 'R2', 'R3']);
      expect(journal.byConversation('conv-a').map((entry) => entry.reference)).toEqual(['R1', 'R3']);
      expect(journal.byConversation('nobody')).toEqual([]);
    });

    it('erase removes one entry and says whether there was one', () => {
      const journal = openJournal();
      journal.save('R1', 'conv-1', {});
      journal.save('R2', 'conv-1', {});

      expect(journal.erase('R1')).toBe(true);
      expect(journal.erase('R1')).toBe(false);
      expect(journal.get('R1')).toBeUndefined();
      expect(journal.all().map((entry) => entry.reference)).toEqual(['R2']);
    });
  });
});
