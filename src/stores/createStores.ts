import path from 'node:path';
import type { Storage } from 'botbuilder';
import type { Env } from '../config/env';
import type { Logger } from '../log';
import type { Claims } from './claims';
import { ClaimingOutbox } from './claimingOutbox';
import type { ConversationReferences, StatusNotifications, WatermarkStore } from './conversationReferences';
import type { JourneyStore } from './journeyStore';
import type { InsightsStore } from './insightsStore';
import type { NeedsJournal } from './needsJournal';
import type { Outbox } from './outbox';
import type { PartnerKeys } from './partnerKeys';
import type { RateBudgetStore } from './rateBudget';
import { closeDatabase, openDatabase } from './sqlite/database';
import { sqliteClaims } from './sqlite/sqliteClaims';
import { SqliteConversationReferences, SqliteStatusNotifications, SqliteWatermarks } from './sqlite/sqliteConversationReferences';
import { SqliteJourneyStore } from './sqlite/sqliteJourneyStore';
import { SqliteInsightsStore } from './sqlite/sqliteInsightsStore';
import { SqliteNeedsJournal } from './sqlite/sqliteNeedsJournal';
import { SqlitePartnerKeys } from './sqlite/sqlitePartnerKeys';
import { SqliteRateBudget } from './sqlite/sqliteRateBudget';
import { SqliteStorage } from './sqlite/sqliteStorage';
import { SqliteTaskRecords } from './sqlite/sqliteTaskRecords';

/** Every store the app needs, from one place. */
export interface Stores {
  /** 'sqlite': one instance, everything in `DATA_DIR`; 'azure': several instances share an Azure Storage account. */
  kind: 'sqlite' | 'azure';
  /** Bot state (ConversationState), with eTags. */
  storage: Storage;
  journal: NeedsJournal;
  /** The staff review loop (src/airtable/statusWatcher.ts). */
  references: ConversationReferences;
  notifications: StatusNotifications;
  watermarks: WatermarkStore;
  /** The journey's versions, live pointer and draft (Azure: container `<prefix>-journey`). */
  journey: JourneyStore;
  /** Leases shared by every process on the store: who syncs a need, who delivers an outbox task. */
  claims: Claims;
  /** Work for outside services (the staff base's erasures, mails, partners' webhooks), delivered in the background. */
  outbox: Outbox;
  /** The Airtable request budget shared by every process on the store. */
  rateBudget: RateBudgetStore;
  /** Insights counters (src/insights/): anonymous aggregates, untouched by purge and erasure. */
  insights: InsightsStore;
  /** Partners' API keys and webhook settings (src/partners/). */
  partnerKeys: PartnerKeys;
  /** Resolves once the stores can be used (Azure: containers created); rejects when they cannot yet. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  log?: Logger;
}

/**
 * SQLite in `DATA_DIR` by default: one instance, nothing to set up, fsynced commits. With
 * `AZURE_STORAGE_CONNECTION_STRING`, everything in Azure Blob Storage instead (containers
 * `<AZURE_STORAGE_CONTAINER_PREFIX>-state`, `-needs`, `-status`, created if missing), so that
 * several instances serve the same conversations, journal and staff review loop; `DATA_DIR` is
 * then not used.
 */
export function createStores(env: Env, options: StoreOptions = {}): Stores {
  const connectionString = env.AZURE_STORAGE_CONNECTION_STRING;
  if (!connectionString) {
    const dir = path.resolve(env.DATA_DIR);
    const db = openDatabase(dir);
    // The conversation state (and its reference) on a second connection of the same file, without
    // an fsync per turn: it survives kill -9, a power cut may lose the last answers, never a need.
    const stateDb = openDatabase(dir, { synchronous: 'NORMAL' });
    const claims = sqliteClaims(db);
    return {
      kind: 'sqlite',
      storage: new SqliteStorage(stateDb),
      journal: new SqliteNeedsJournal(db),
      references: new SqliteConversationReferences(stateDb),
      notifications: new SqliteStatusNotifications(db),
      watermarks: new SqliteWatermarks(db),
      journey: new SqliteJourneyStore(db),
      claims,
      outbox: new ClaimingOutbox(new SqliteTaskRecords(db), claims),
      rateBudget: new SqliteRateBudget(db),
      insights: new SqliteInsightsStore(db),
      partnerKeys: new SqlitePartnerKeys(db),
      ready: Promise.resolve(),
      close: async () => {
        await claims.close();
        closeDatabase(stateDb);
        closeDatabase(db);
      },
    };
  }

  // Loaded only when configured: the Azure SDK is a quarter of a second of start-up (CPU) otherwise spent for nothing.
  const { createAzureStores } = require('./azure/azureStores') as typeof import('./azure/azureStores');
  return createAzureStores(connectionString, env.AZURE_STORAGE_CONTAINER_PREFIX, options);
}
