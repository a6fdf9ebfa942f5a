/** A need as the bot recorded it, plus where it stands in the sync to the staff base. */
export interface JournalEntry {
  reference: string;
  conversationId: string;
  record: Record<string, unknown>;
  /** Starts at 1, +1 on every save: a sync result applies only to the version it sent. */
  version: number;
  createdAt: string;
  updatedAt: string;
  syncStatus: 'pending' | 'synced' | 'failed';
  syncError?: string;
}

/**
 * The durable record of qualified needs: the bot confirms a need to the user only once `save`
 * has returned, and a sync worker pushes entries out from `pending`.
 */
export interface NeedsJournal {
  /** Allocates the next human-readable reference for the year, atomically: `${prefix}-${year}-${5-digit sequence}`, e.g. PBL-2026-00042; sequences restart each year and never repeat, even across restarts. */
  nextReference(prefix: string, year: number): Promise<string>;
  /** Writes (inserts, or replaces the record of) a need by reference in one transaction, bumping version and resetting syncStatus to 'pending'; durable when it returns. */
  save(reference: string, conversationId: string, record: Record<string, unknown>): Promise<JournalEntry>;
  get(reference: string): Promise<JournalEntry | undefined>;
  /** Oldest first. */
  byConversation(conversationId: string): Promise<JournalEntry[]>;
  /** Oldest first. */
  all(): Promise<JournalEntry[]>;
  /** Entries not synced yet, at most `limit`: 'pending' ones first, then 'failed' ones to retry; least recently saved first within each. */
  pending(limit: number): Promise<JournalEntry[]>;
  /** Ignored when the entry was saved again since `version` was sent. */
  markSynced(reference: string, version: number): Promise<void>;
  /** Ignored when the entry was saved again since `version` was sent. */
  markFailed(reference: string, version: number, error: string): Promise<void>;
  /** Deletes the entry (right to erasure); false when there was none. */
  erase(reference: string): Promise<boolean>;
}
