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

/** Where an entry stands in the sync, without its record: what a sync pass walks through. */
export type SyncCandidate = Pick<JournalEntry, 'reference' | 'version' | 'syncStatus' | 'updatedAt'>;

/** A save of a need that was erased: refused, so that a racing turn cannot bring it back. */
export class NeedErasedError extends Error {
  constructor(readonly reference: string) {
    super(`The need ${reference} was erased; it cannot be saved again`);
    this.name = 'NeedErasedError';
  }
}

/**
 * The durable record of qualified needs: the bot confirms a need to the user only once `save`
 * has returned, and a sync worker pushes entries out from `pending`. Claims (src/stores/claims.ts,
 * `needClaim`) order the writers of one need; the journal itself takes none.
 *
 * Erased needs leave a tombstone: the reference and when it was erased, nothing else. Every
 * read below skips tombstones, as if the need had never been saved; `isErased` sees them.
 */
export interface NeedsJournal {
  /** Allocates the next human-readable reference for the year, atomically: `${prefix}-${year}-${5-digit sequence}`, e.g. PBL-2026-00042; sequences restart each year and never repeat, even across restarts. */
  nextReference(prefix: string, year: number): Promise<string>;
  /** Writes (inserts, or replaces the record of) a need by reference in one transaction, bumping version and resetting syncStatus to 'pending'; durable when it returns. Rejects with NeedErasedError on a tombstone. */
  save(reference: string, conversationId: string, record: Record<string, unknown>): Promise<JournalEntry>;
  get(reference: string): Promise<JournalEntry | undefined>;
  /** Oldest first. */
  byConversation(conversationId: string): Promise<JournalEntry[]>;
  /** Oldest first. */
  all(): Promise<JournalEntry[]>;
  /** Entries not synced yet, at most `limit`: 'pending' ones first, then 'failed' ones to retry; least recently saved first within each. */
  pending(limit: number): Promise<JournalEntry[]>;
  /** Every entry not synced yet, in the order of `pending`, without the records (cheap to list). */
  unsynced(): Promise<SyncCandidate[]>;
  /** Ignored when the entry was saved again since `version` was sent. */
  markSynced(reference: string, version: number): Promise<void>;
  /** Ignored when the entry was saved again since `version` was sent. */
  markFailed(reference: string, version: number, error: string): Promise<void>;
  /** Replaces the entry by a tombstone (right to erasure); false when there was no entry. */
  erase(reference: string): Promise<boolean>;
  /** True once `erase` was called for the reference. */
  isErased(reference: string): Promise<boolean>;
}
