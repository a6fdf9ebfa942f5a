import { type JournalEntry, NeedErasedError, type NeedsJournal, type SyncCandidate } from '../needsJournal';
import type { Database } from './database';

interface Row {
  reference: string;
  conversation_id: string;
  record: string;
  version: number;
  created_at: string;
  updated_at: string;
  sync_status: JournalEntry['syncStatus'];
  sync_error: string | null;
}

const COLUMNS =
  'reference, conversation_id, record, version, created_at, updated_at, sync_status, sync_error';

/**
 * NeedsJournal on the embedded SQLite file. Calls are synchronous on purpose: when `save`
 * returns, the need is committed and fsynced (synchronous = FULL), so the bot may confirm it.
 */
export class SqliteNeedsJournal implements NeedsJournal {
  private readonly bumpSequence;
  private readonly upsert;
  private readonly selectOne;
  private readonly selectByConversation;
  private readonly selectAll;
  private readonly selectPending;
  private readonly selectUnsynced;
  private readonly setStatus;
  private readonly selectErased;
  private readonly tombstone;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    // One statement, hence atomic: two processes never get the same number.
    this.bumpSequence = db.prepare<[string, number], { last: number }>(
      `INSERT INTO need_sequences (prefix, year, last) VALUES (?, ?, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1
       RETURNING last`,
    );
    // One statement, hence one transaction; the row keeps its rowid and created_at on update.
    // A tombstone is not updated: no row comes back, and the save is refused.
    this.upsert = db.prepare<[{ reference: string; conversationId: string; record: string; at: string }], Row>(
      `INSERT INTO needs (${COLUMNS})
       VALUES (@reference, @conversationId, @record, 1, @at, @at, 'pending', NULL)
       ON CONFLICT (reference) DO UPDATE SET conversation_id = excluded.conversation_id,
         record = excluded.record, version = needs.version + 1, updated_at = excluded.updated_at,
         sync_status = 'pending', sync_error = NULL
       WHERE needs.erased_at IS NULL
       RETURNING ${COLUMNS}`,
    );
    const live = 'erased_at IS NULL';
    this.selectOne = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM needs WHERE reference = ? AND ${live}`);
    this.selectByConversation = db.prepare<[string], Row>(
      `SELECT ${COLUMNS} FROM needs WHERE conversation_id = ? AND ${live} ORDER BY created_at, rowid`,
    );
    this.selectAll = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM needs WHERE ${live} ORDER BY created_at, rowid`);
    // Failed entries come after fresh ones so that a few poison records cannot starve the queue.
    const unsynced = `FROM needs WHERE sync_status <> 'synced' AND ${live} ORDER BY sync_status = 'failed', updated_at, rowid`;
    this.selectPending = db.prepare<[number], Row>(`SELECT ${COLUMNS} ${unsynced} LIMIT ?`);
    this.selectUnsynced = db.prepare<[], SyncCandidateRow>(`SELECT reference, version, sync_status, updated_at ${unsynced}`);
    // The version guard drops results for a version that was superseded while being synced.
    this.setStatus = db.prepare<[string, string | null, string, number]>(
      `UPDATE needs SET sync_status = ?, sync_error = ? WHERE reference = ? AND version = ? AND ${live}`,
    );
    this.selectErased = db.prepare<[string], { erased: number }>('SELECT erased_at IS NOT NULL AS erased FROM needs WHERE reference = ?');
    // The reference and the date stay; the record and the conversation go.
    this.tombstone = db.prepare<[{ reference: string; at: string }]>(
      `INSERT INTO needs (${COLUMNS}, erased_at) VALUES (@reference, '', '{}', 1, @at, @at, 'synced', NULL, @at)
       ON CONFLICT (reference) DO UPDATE SET conversation_id = '', record = '{}', sync_status = 'synced',
         sync_error = NULL, updated_at = excluded.updated_at, erased_at = excluded.erased_at
       WHERE needs.erased_at IS NULL`,
    );
  }

  async nextReference(prefix: string, year: number): Promise<string> {
    if (!prefix || !Number.isInteger(year) || year < 1) {
      throw new RangeError(`Invalid reference prefix or year: "${prefix}", ${year}`);
    }
    const { last } = this.bumpSequence.get(prefix, year)!;
    return `${prefix}-${year}-${String(last).padStart(5, '0')}`;
  }

  async save(reference: string, conversationId: string, record: Record<string, unknown>): Promise<JournalEntry> {
    const at = this.now().toISOString();
    const row = this.upsert.get({ reference, conversationId, record: JSON.stringify(record), at });
    if (!row) throw new NeedErasedError(reference);
    return toEntry(row);
  }

  async get(reference: string): Promise<JournalEntry | undefined> {
    const row = this.selectOne.get(reference);
    return row && toEntry(row);
  }

  async byConversation(conversationId: string): Promise<JournalEntry[]> {
    return this.selectByConversation.all(conversationId).map(toEntry);
  }

  async all(): Promise<JournalEntry[]> {
    return this.selectAll.all().map(toEntry);
  }

  async pending(limit: number): Promise<JournalEntry[]> {
    return this.selectPending.all(limit).map(toEntry);
  }

  async unsynced(): Promise<SyncCandidate[]> {
    return this.selectUnsynced.all().map((r) => ({ reference: r.reference, version: r.version, syncStatus: r.sync_status, updatedAt: r.updated_at }));
  }

  async markSynced(reference: string, version: number): Promise<void> {
    this.setStatus.run('synced', null, reference, version);
  }

  async markFailed(reference: string, version: number, error: string): Promise<void> {
    this.setStatus.run('failed', error, reference, version);
  }

  async erase(reference: string): Promise<boolean> {
    // IMMEDIATE: whether there was an entry and the tombstone are one step, even across processes.
    return this.db
      .transaction(() => {
        const existed = this.selectOne.get(reference) !== undefined;
        this.tombstone.run({ reference, at: this.now().toISOString() });
        return existed;
      })
      .immediate();
  }

  async isErased(reference: string): Promise<boolean> {
    return this.selectErased.get(reference)?.erased === 1;
  }
}

interface SyncCandidateRow {
  reference: string;
  version: number;
  sync_status: JournalEntry['syncStatus'];
  updated_at: string;
}

function toEntry(row: Row): JournalEntry {
  const entry: JournalEntry = {
    reference: row.reference,
    conversationId: row.conversation_id,
    record: JSON.parse(row.record),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    syncStatus: row.sync_status,
  };
  if (row.sync_error !== null) entry.syncError = row.sync_error;
  return entry;
}
