import type { ConversationReference } from 'botbuilder';
import type {
  ConversationReferenceData,
  ConversationReferences,
  NotificationRecord,
  StatusNotifications,
  WatermarkStore,
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

  save(conversationId: string, ref: ConversationReferenceData): void {
    if (!conversationId) throw new RangeError('a conversation reference needs a conversation id');
    this.upsert.run(conversationId, JSON.stringify(storable(ref)), this.now().toISOString());
  }

  get(conversationId: string): ConversationReferenceData | undefined {
    const row = this.selectOne.get(conversationId);
    return row ? (JSON.parse(row.reference) as ConversationReferenceData) : undefined;
  }

  erase(conversationId: string): void {
    this.deleteOne.run(conversationId);
  }
}

/**
 * What a proactive message needs, in a stable key order (so that an unchanged reference is
 * recognised): no `activityId` (it changes on every turn; a proactive message does not use it)
 * and no user display name (personal data).
 */
function storable(ref: ConversationReferenceData): ConversationReferenceData {
  const out: ConversationReferenceData = {};
  if (ref.channelId !== undefined) out.channelId = ref.channelId;
  if (ref.serviceUrl !== undefined) out.serviceUrl = ref.serviceUrl;
  if (ref.locale !== undefined) out.locale = ref.locale;
  if (ref.conversation) {
    const c = ref.conversation;
    out.conversation = pick({ id: c.id, name: c.name, isGroup: c.isGroup, conversationType: c.conversationType, tenantId: c.tenantId, aadObjectId: c.aadObjectId, role: c.role });
  }
  if (ref.bot) out.bot = pick({ id: ref.bot.id, name: ref.bot.name, aadObjectId: ref.bot.aadObjectId, role: ref.bot.role });
  if (ref.user) out.user = pick({ id: ref.user.id, aadObjectId: ref.user.aadObjectId, role: ref.user.role });
  return out;
}

function pick<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
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

  wasNotified(reference: string, status: string): boolean {
    return this.selectOne.get(reference, status) !== undefined;
  }

  markNotified(reference: string, status: string, at: Date, outcome?: { skipped: string }): void {
    this.insert.run(reference, status, outcome ? 'skipped' : 'sent', outcome?.skipped ?? null, at.toISOString());
  }

  get(reference: string, status: string): NotificationRecord | undefined {
    const row = this.selectOne.get(reference, status);
    if (!row) return undefined;
    const record: NotificationRecord = { reference: row.reference, status: row.status, outcome: row.outcome, at: row.notified_at };
    if (row.reason !== null) record.reason = row.reason;
    return record;
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

  get(name: string): string | undefined {
    return this.selectOne.get(name)?.value;
  }

  set(name: string, value: string): void {
    this.upsert.run(name, value, this.now().toISOString());
  }
}
