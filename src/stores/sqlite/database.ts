import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { JOURNEY_MIGRATION } from './sqliteJourneyStore';
import { INSIGHTS_MIGRATION } from './sqliteInsightsStore';
import { PARTNER_KEYS_MIGRATION } from './sqlitePartnerKeys';

export type Database = BetterSqlite3.Database;

export const DATABASE_FILE = 'bot.sqlite';

/**
 * Schema steps, applied in order and recorded in `schema_migrations`.
 * Append new steps; never edit a released one (databases in the field already ran it).
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE storage_items (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,    -- JSON of the item, without its eTag
    etag       TEXT NOT NULL,
    updated_at INTEGER NOT NULL  -- epoch ms, for purges
  );
  CREATE INDEX storage_items_updated_at ON storage_items (updated_at);

  CREATE TABLE need_sequences (
    prefix TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (prefix, year)
  );

  CREATE TABLE needs (
    reference       TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    record          TEXT NOT NULL,
    version         INTEGER NOT NULL,
    created_at      TEXT NOT NULL,  -- ISO 8601 UTC, sorts as text
    updated_at      TEXT NOT NULL,
    sync_status     TEXT NOT NULL CHECK (sync_status IN ('pending', 'synced', 'failed')),
    sync_error      TEXT
  );
  CREATE INDEX needs_conversation ON needs (conversation_id);
  CREATE INDEX needs_sync_status ON needs (sync_status);
  `,
  // 2: the staff review loop (src/airtable/statusWatcher.ts).
  `
  CREATE TABLE conversation_references (
    conversation_id TEXT PRIMARY KEY,
    reference       TEXT NOT NULL,  -- JSON of the Bot Framework conversation reference
    updated_at      TEXT NOT NULL   -- ISO 8601 UTC, for purges
  );
  CREATE INDEX conversation_references_updated_at ON conversation_references (updated_at);

  CREATE TABLE status_notifications (
    reference   TEXT NOT NULL,     -- the need's Référence
    status      TEXT NOT NULL,     -- the Statut value told (Accepté, Réorienté)
    outcome     TEXT NOT NULL CHECK (outcome IN ('sent', 'skipped')),
    reason      TEXT,              -- why skipped
    notified_at TEXT NOT NULL,
    PRIMARY KEY (reference, status)
  );

  CREATE TABLE watermarks (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 3: the journey's versions, live pointer and draft (src/stores/sqlite/sqliteJourneyStore.ts).
  JOURNEY_MIGRATION,
  // 4: several processes on one file (the server and the scripts), erasure tombstones, the outbox.
  `
  -- Set when the need was erased: the row stays as a tombstone (record emptied) so that no sync
  -- sends the reference again and no late save brings it back.
  ALTER TABLE needs ADD COLUMN erased_at TEXT;

  -- Leases (src/stores/claims.ts): who holds a name until when.
  CREATE TABLE claims (
    name       TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at INTEGER NOT NULL   -- epoch ms
  );

  -- The durable outbox (src/stores/outbox.ts).
  CREATE TABLE outbox_tasks (
    kind            TEXT NOT NULL,
    id              TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'done', 'gave_up')),
    payload         TEXT,             -- JSON; NULL once the task is over
    subject         TEXT,             -- whose data it carries (erased with them)
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL, -- epoch ms
    last_error      TEXT,
    result          TEXT,             -- JSON, what a finished task reports
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX outbox_tasks_due ON outbox_tasks (kind, status, next_attempt_at);
  CREATE INDEX outbox_tasks_subject ON outbox_tasks (subject);

  -- The request budget of an outside service shared by every process (src/stores/rateBudget.ts).
  CREATE TABLE rate_budgets (
    key          TEXT PRIMARY KEY,
    starts       TEXT NOT NULL,     -- JSON array of epoch ms: requests started in the window
    paused_until INTEGER NOT NULL   -- epoch ms
  );
  `,
  // 5: insights counters (src/insights/), anonymous aggregates.
  INSIGHTS_MIGRATION,
  // 6: partners' API keys (src/stores/partnerKeys.ts).
  PARTNER_KEYS_MIGRATION,
];

export interface OpenOptions {
  /**
   * FULL (default) fsyncs the WAL on every commit: a confirmed need survives a crash or power loss.
   * NORMAL, for the conversation state's own connection only: a commit survives `kill -9` (it is
   * in the WAL file) but a power cut may lose the last turns' answers, never a need; it saves an
   * fsync per turn.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/** Opens (creating if needed) `<dataDir>/bot.sqlite` and brings its schema up to date. */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Database {
  fs.mkdirSync(dataDir, { recursive: true });
  // `timeout` is SQLite's busy_timeout: waits for another connection's lock instead of failing.
  const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE), { timeout: 5000 });
  try {
    db.pragma('journal_mode = WAL');
    // Per connection: the needs journal's stays FULL (see OpenOptions).
    db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Safe to call more than once (shutdown hooks may race). */
export function closeDatabase(db: Database): void {
  if (db.open) db.close();
}

function migrate(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  // IMMEDIATE takes the write lock first, so two processes starting together cannot both migrate.
  db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
    for (let version = (row.version ?? 0) + 1; version <= MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version - 1]);
      record.run(version, new Date().toISOString());
    }
  }).immediate();
}
