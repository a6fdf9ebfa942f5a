import { AIRTABLE_ERASURE, airtableErasureHandler, ERASURE_POLICY, type ErasurePayload } from '../../src/airtable/erasureTask';
import { NeedsSync } from '../../src/airtable/sync';
import { KNOWN_CHANNEL_IDS } from '../../src/bot/channels';
import { type ErasureDeps, eraseConversation } from '../../src/privacy/eraseConversation';
import { ClaimingOutbox } from '../../src/stores/claimingOutbox';
import type { OutboxTask } from '../../src/stores/outbox';
import { OutboxWorker } from '../../src/stores/outboxWorker';
import { SqliteConversationReferences } from '../../src/stores/sqlite/sqliteConversationReferences';
import { SqliteStorage } from '../../src/stores/sqlite/sqliteStorage';
import { SqliteTaskRecords } from '../../src/stores/sqlite/sqliteTaskRecords';
import { BASE, makeRecord, makeWorld, type World } from '../airtable/helpers';

/**
 * The erasure's parts on one SQLite file and the Airtable stand-in, on the virtual clock: the
 * local erasure, the outbox and the erasure worker, and the sync they race with.
 */
export interface ErasureWorld extends World {
  outbox: ClaimingOutbox;
  storage: SqliteStorage;
  references: SqliteConversationReferences;
  worker: OutboxWorker<ErasurePayload>;
  sync: NeedsSync;
  erase(conversationId: string): ReturnType<typeof eraseConversation>;
  /** Records a need (with its conversation's state and reference) and sends it to Airtable. */
  recordAndSync(reference: string, conversationId: string): Promise<void>;
  task(id: string): Promise<OutboxTask<ErasurePayload> | undefined>;
}

export async function makeErasureWorld(): Promise<ErasureWorld> {
  const world = await makeWorld();
  const now = () => new Date(world.clock.now());
  const outbox = new ClaimingOutbox(new SqliteTaskRecords(world.db), world.claims, world.clock.now);
  const storage = new SqliteStorage(world.db, now);
  const references = new SqliteConversationReferences(world.db, now);
  const worker = new OutboxWorker<ErasurePayload>({
    outbox,
    kind: AIRTABLE_ERASURE,
    handler: airtableErasureHandler({ request: world.request, baseId: BASE, claims: world.claims }),
    policy: ERASURE_POLICY,
    logger: world.logger,
    now: world.clock.now,
    random: () => 0.5,
  });
  const sync = new NeedsSync({ journal: world.journal, claims: world.claims, request: world.request, baseId: BASE, logger: world.logger });
  const deps: ErasureDeps = { storage, journal: world.journal, references, outbox, airtable: true, channelIds: KNOWN_CHANNEL_IDS, log: world.logger };
  return {
    ...world,
    outbox,
    storage,
    references,
    worker,
    sync,
    erase: (conversationId) => eraseConversation(deps, conversationId, 'webchat'),
    recordAndSync: async (reference, conversationId) => {
      const record = makeRecord(reference, { RNA: `W5930${reference.slice(-5)}` }, { Conversation: conversationId });
      await world.journal.save(reference, conversationId, record);
      await storage.write({ [`webchat/conversations/${conversationId}/`]: { journey: { phase: 'done' } } });
      await references.save(conversationId, { channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1/', conversation: { id: conversationId } });
      const report = await sync.run();
      if (report.synced !== 1) throw new Error(`the need was not synced: ${JSON.stringify(report)}`);
    },
    task: (id) => outbox.get<ErasurePayload>(AIRTABLE_ERASURE, id),
  };
}
