import { type ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationReferences, StatusNotifications, WatermarkStore } from '../../src/stores/conversationReferences';
import { closeDatabase, type Database, MIGRATIONS, openDatabase } from '../../src/stores/sqlite/database';
import {
  SqliteConversationReferences,
  SqliteStatusNotifications,
  SqliteWatermarks,
} from '../../src/stores/sqlite/sqliteConversationReferences';
import { makeTempDir, manualClock } from './tempDir';

/** What `TurnContext.getConversationReference` gives for an incoming Web Chat message. */
function incomingReference(conversationId: string, activityId = 'act-1'): Partial<ConversationReference> {
  return TurnContext.getConversationReference({
    type: 'message',
    id: activityId,
    channelId: 'webchat',
    serviceUrl: 'https://webchat.botframework.com/',
    locale: 'fr-FR',
    from: { id: 'user-1', name: 'Camille Martin' },
    recipient: { id: 'bot-1', name: 'Probono' },
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-1' },
  });
}

describe('SqliteConversationReferences', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;
  let clock: ReturnType<typeof manualClock>;
  let refs: ConversationReferences;
  beforeEach(() => {
    temp = makeTempDir();
    db = openDatabase(temp.dir);
    clock = manualClock();
    refs = new SqliteConversationReferences(db, clock.now);
  });
  afterEach(() => {
    closeDatabase(db);
    temp.cleanup();
  });

  const updatedAt = (id: string) =>
    (db.prepare('SELECT updated_at FROM conversation_references WHERE conversation_id = ?').get(id) as { updated_at: string } | undefined)?.updated_at;

  it('keeps what a proactive message needs, by conversation id, as plain JSON', async () => {
    await refs.save('conv-1', incomingReference('conv-1'));
    expect(await refs.get('conv-1')).toEqual({
      channelId: 'webchat',
      serviceUrl: 'https://webchat.botframework.com/',
      locale: 'fr-FR',
      conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-1' },
      bot: { id: 'bot-1', name: 'Probono' },
      // No display name: personal data no message needs.
      user: { id: 'user-1' },
    });
    expect(await refs.get('conv-2')).toBeUndefined();
    // What comes back can be used by botbuilder as is.
    const back = (await refs.get('conv-1')) as Partial<ConversationReference>;
    expect(back.conversation?.id).toBe('conv-1');
  });

  it('does not rewrite a reference that did not change (the bot saves it on every turn)', async () => {
    await refs.save('conv-1', incomingReference('conv-1', 'act-1'));
    const first = updatedAt('conv-1');
    clock.advance(60_000);
    // A later turn: another activity id, same conversation.
    await refs.save('conv-1', incomingReference('conv-1', 'act-2'));
    expect(updatedAt('conv-1')).toBe(first);
    // The channel moved the conversation to another serviceUrl: replaced.
    clock.advance(60_000);
    await refs.save('conv-1', { ...incomingReference('conv-1'), serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    expect((await refs.get('conv-1'))?.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
    expect(updatedAt('conv-1')).toBe('2026-03-01T10:02:00.000Z');
  });

  it('erases a conversation (right to erasure), and survives a reopening', async () => {
    await refs.save('conv-1', incomingReference('conv-1'));
    await refs.save('conv-2', incomingReference('conv-2'));
    await refs.erase('conv-1');
    await refs.erase('conv-unknown');
    expect(await refs.get('conv-1')).toBeUndefined();
    closeDatabase(db);
    db = openDatabase(temp.dir);
    refs = new SqliteConversationReferences(db);
    expect((await refs.get('conv-2'))?.conversation?.id).toBe('conv-2');
  });

  it('refuses an empty conversation id', async () => {
    await expect(refs.save('', incomingReference(''))).rejects.toThrow(RangeError);
  });
});

describe('SqliteStatusNotifications', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;
  let notifications: StatusNotifications;
  beforeEach(() => {
    temp = makeTempDir();
    db = openDatabase(temp.dir);
    notifications = new SqliteStatusNotifications(db);
  });
  afterEach(() => {
    closeDatabase(db);
    temp.cleanup();
  });

  it('remembers each (reference, status) pair told, once', async () => {
    expect(await notifications.wasNotified('PBL-2026-00001', 'Accepté')).toBe(false);
    await notifications.markNotified('PBL-2026-00001', 'Accepté', new Date('2026-03-01T10:00:00Z'));
    expect(await notifications.wasNotified('PBL-2026-00001', 'Accepté')).toBe(true);
    expect(await notifications.wasNotified('PBL-2026-00001', 'Réorienté')).toBe(false);
    expect(await notifications.wasNotified('PBL-2026-00002', 'Accepté')).toBe(false);
    // Marking again keeps the first record.
    await notifications.markNotified('PBL-2026-00001', 'Accepté', new Date('2026-03-02T10:00:00Z'), { skipped: 'late' });
    expect(await notifications.get('PBL-2026-00001', 'Accepté')).toEqual({
      reference: 'PBL-2026-00001',
      status: 'Accepté',
      outcome: 'sent',
      at: '2026-03-01T10:00:00.000Z',
    });
  });

  it('records a pair skipped for good, with why', async () => {
    await notifications.markNotified('PBL-2026-00003', 'Réorienté', new Date('2026-03-01T10:00:00Z'), { skipped: 'no conversation reference is known for this conversation' });
    expect(await notifications.wasNotified('PBL-2026-00003', 'Réorienté')).toBe(true);
    expect(await notifications.get('PBL-2026-00003', 'Réorienté')).toEqual({
      reference: 'PBL-2026-00003',
      status: 'Réorienté',
      outcome: 'skipped',
      reason: 'no conversation reference is known for this conversation',
      at: '2026-03-01T10:00:00.000Z',
    });
  });
});

describe('SqliteWatermarks', () => {
  it('keeps named values across reopenings', async () => {
    const temp = makeTempDir();
    try {
      let db = openDatabase(temp.dir);
      let marks: WatermarkStore = new SqliteWatermarks(db);
      expect(await marks.get('statusWatcher:app:Besoins')).toBeUndefined();
      await marks.set('statusWatcher:app:Besoins', '2026-03-01T10:00:00.000Z');
      await marks.set('statusWatcher:app:Besoins', '2026-03-01T10:01:00.000Z');
      closeDatabase(db);
      db = openDatabase(temp.dir);
      marks = new SqliteWatermarks(db);
      expect(await marks.get('statusWatcher:app:Besoins')).toBe('2026-03-01T10:01:00.000Z');
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
      expect(versions).toEqual(MIGRATIONS.map((_, i) => ({ version: i + 1 })));
      closeDatabase(db);
    } finally {
      temp.cleanup();
    }
  });
});
