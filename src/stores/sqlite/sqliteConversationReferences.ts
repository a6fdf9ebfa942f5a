import type { ConversationReference } from 'botbuilder';
import {
  type ConversationReferenceData,
  type ConversationReferences,
  type NotificationRecord,
  type StatusNotifications,
  storableReference,
  type WatermarkStore,
} from '../conversationReferences';
import type { Database } from './database';

// The port's plain type must stay assignable from botbuilder's (what the bot passes in).
const _assignable = (ref: Partial<ConversationReference>): ConversationReferenceData => ref;
void _assignable;

/** ConversationReferences on the embedded SQLite file (table `conversation_references`). */
export class SqliteConversationReferences implements ConversationReferences {
  private readonly upsert;
  private readonly selectOne;
  private readonly deleteOne;

  constructor(
    db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    // No write at all when the reference did not change: the bot saves it on every turn.
    this.upsert = db.prepare<[string, string, string]>(
      `INSERT INTO conversation_references (conversation_id, reference, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at
       WHERE conversation_references.reference <> excluded.reference`,
    );
    this.selectOne = db.prepare<[string], { reference: string }>(
      'SELECT reference FROM conversation_references WHERE conversation_id = ?',
    );
    this.deleteOne = db.prepare<[string]>('DELETE FROM conversation_references WHERE conversation_id = ?');
  }

  async save(conversationId: string, ref: ConversationReferenceData): Promise<void> {
    if (!conversationId) throw new RangeError('a conversation reference needs a conversation id');
    this.upsert.run(conversationId, JSON.stringify(storableReference(ref)), this.now().toISOString());
  }

  async get(conversationId: string): Promise<ConversationReferenceData | undefined> {
    const row = this.selectOne.get(conversationId);
    return row ? (JSON.parse(row.reference) as ConversationReferenceData) : undefined;
  }

  async erase(conversationId: string): Promise<void> {
    this.deleteOne.run(conversationId);
  }
}

interface NotificationRow {
  reference: string;
  status: string;
  outcome: NotificationRecord['outcome'];
  reason: string | null;
  notified_at: string;
}

/** StatusNotifications on the embedded SQLite file (table `status_notifications`). */
export class SqliteStatusNotifications implements StatusNotifications {
  private readonly insert;
  private readonly selectOne;

  constructor(db: Database) {
    // The first record of a pair wins: marking twice changes nothing.
    this.insert = db.prepare<[string, string, string, string | null, string]>(
      `INSERT INTO status_notifications (reference, status, outcome, reason, notified_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (reference, status) DO NOTHING`,
    );
    this.selectOne = db.prepare<[string, string], NotificationRow>(
      'SELECT reference, status, outcome, reason, notified_at FROM status_notifications WHERE reference = ? AND status = ?',
    );
  }

  async wasNotified(reference: string, status: string): Promise<boolean> {
    return this.selectOne.get(reference, status) !== undefined;
  }

  async markNotified(reference: string, status: string, at: Date, outcome?: { skipped: string }): Promise<void> {
    this.insert.run(reference, status, outcome ? 'skipped' : 'sent', outcome?.skipped ?? null, at.toISOString());
  }

  async get(reference: string, status: string): Promise<NotificationRecord | undefined> {
    const row = this.selectOne.get(reference, status);
    if (!row) return undefined;
    const record: NotificationRecord = { reference: row.reference, status: row.status, outcome: row.outcome, at: row.notified_at };
    if (row.reason !== null) record.reason = row.reason;
    return record;
  }

  /** One process owns the SQLite file (the single-instance mode): nothing to share. */
  async claim(): Promise<() => Promise<void>> {
    return async () => undefined;
  }
}

/** WatermarkStore on the embedded SQLite file (table `watermarks`). */
export class SqliteWatermarks implements WatermarkStore {
  private readonly upsert;
  private readonly selectOne;

  constructor(
    db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.upsert = db.prepare<[string, string, string]>(
      `INSERT INTO watermarks (name, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.selectOne = db.prepare<[string], { value: string }>('SELECT value FROM watermarks WHERE name = ?');
  }

  async get(name: string): Promise<string | undefined> {
    return this.selectOne.get(name)?.value;
  }

  async set(name: string, value: string): Promise<void> {
    this.upsert.run(name, value, this.now().toISOString());
  }
}
