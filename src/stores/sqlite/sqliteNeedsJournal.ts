import type { JournalEntry, NeedsJournal } from '../needsJournal';
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
  private readonly setStatus;
  private readonly deleteOne;

  constructor(
    db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    // One statement, hence atomic: two processes never get the same number.
    this.bumpSequence = db.prepare<[string, number], { last: number }>(
      `INSERT INTO need_sequences (prefix, year, last) VALUES (?, ?, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1
       RETURNING last`,
    );
    // One statement, hence one transaction; the row keeps its rowid and created_at on update.
    this.upsert = db.prepare<[{ reference: string; conversationId: string; record: string; at: string }], Row>(
      `INSERT INTO needs (${COLUMNS})
       VALUES (@reference, @conversationId, @record, 1, @at, @at, 'pending', NULL)
       ON CONFLICT (reference) DO UPDATE SET conversation_id = excluded.conversation_id,
         record = excluded.record, version = needs.version + 1, updated_at = excluded.updated_at,
         sync_status = 'pending', sync_error = NULL
       RETURNING ${COLUMNS}`,
    );
    this.selectOne = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM needs WHERE reference = ?`);
    this.selectByConversation = db.prepare<[string], Row>(
      `SELECT ${COLUMNS} FROM needs WHERE conversation_id = ? ORDER BY created_at, rowid`,
    );
    this.selectAll = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM needs ORDER BY created_at, rowid`);
    // Failed entries come after fresh ones so that a few poison records cannot starve the queue.
    this.selectPending = db.prepare<[number], Row>(
      `SELECT ${COLUMNS} FROM needs WHERE sync_status <> 'synced'
       ORDER BY sync_status = 'failed', updated_at, rowid LIMIT ?`,
    );
    // The version guard drops results for a version that was superseded while being synced.
    this.setStatus = db.prepare<[string, string | null, string, number]>(
      'UPDATE needs SET sync_status = ?, sync_error = ? WHERE reference = ? AND version = ?',
    );
    this.deleteOne = db.prepare<[string]>('DELETE FROM needs WHERE reference = ?');
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
    return toEntry(row!);
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

  async markSynced(reference: string, version: number): Promise<void> {
    this.setStatus.run('synced', null, reference, version);
  }

  async markFailed(reference: string, version: number, error: string): Promise<void> {
    this.setStatus.run('failed', error, reference, version);
  }

  async erase(reference: string): Promise<boolean> {
    return this.deleteOne.run(reference).changes > 0;
  }
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
