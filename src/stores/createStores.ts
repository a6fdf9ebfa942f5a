import path from 'node:path';
import type { Storage } from 'botbuilder';
import type { Env } from '../config/env';
import type { Logger } from '../log';
import { BlobConversationReferences } from './azure/blobConversationReferences';
import { BlobInsightsStore } from './azure/blobInsightsStore';
import { BlobNeedsJournal } from './azure/blobNeedsJournal';
import { BlobState } from './azure/blobState';
import { BlobStatusNotifications } from './azure/blobStatusNotifications';
import { BlobWatermarks } from './azure/blobWatermarks';
import { Container, containerNames } from './azure/container';
import type { ConversationReferences, StatusNotifications, WatermarkStore } from './conversationReferences';
import type { InsightsStore } from './insightsStore';
import type { NeedsJournal } from './needsJournal';
import { closeDatabase, openDatabase } from './sqlite/database';
import { SqliteConversationReferences, SqliteStatusNotifications, SqliteWatermarks } from './sqlite/sqliteConversationReferences';
import { SqliteInsightsStore } from './sqlite/sqliteInsightsStore';
import { SqliteNeedsJournal } from './sqlite/sqliteNeedsJournal';
import { SqliteStorage } from './sqlite/sqliteStorage';

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
  /** Insights counters (src/insights/): anonymous aggregates, untouched by purge and erasure. */
  insights: InsightsStore;
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
    const db = openDatabase(path.resolve(env.DATA_DIR));
    return {
      kind: 'sqlite',
      storage: new SqliteStorage(db),
      journal: new SqliteNeedsJournal(db),
      references: new SqliteConversationReferences(db),
      notifications: new SqliteStatusNotifications(db),
      watermarks: new SqliteWatermarks(db),
      insights: new SqliteInsightsStore(db),
      ready: Promise.resolve(),
      close: async () => closeDatabase(db),
    };
  }

  const names = containerNames(env.AZURE_STORAGE_CONTAINER_PREFIX);
  const container = (name: string) => new Container(connectionString, name);
  const storage = new BlobState(connectionString, container(names.state));
  const needs = container(names.needs);
  const status = container(names.status);
  const journal = new BlobNeedsJournal(needs);
  // Containers are created now if missing; a failure here is retried at first use.
  const ready = Promise.all([storage.ready(), needs.ensure(), status.ensure()]).then(() => undefined);
  ready.then(
    () => options.log?.info({ containers: Object.values(names) }, 'Azure Storage ready: bot state, needs journal and review loop'),
    (err: unknown) => options.log?.error({ err }, 'Azure Storage not reachable yet; retried at first use'),
  );
  return {
    kind: 'azure',
    storage,
    journal,
    references: new BlobConversationReferences(status),
    notifications: new BlobStatusNotifications(status),
    watermarks: new BlobWatermarks(status),
    insights: new BlobInsightsStore(container(names.insights), { log: options.log }),
    ready,
    close: () => journal.close(),
  };
}
