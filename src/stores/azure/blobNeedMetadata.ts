import type { Metadata } from '@azure/storage-blob';
import type { JournalEntry, SyncCandidate } from '../needsJournal';
import { encodeBounded } from './blobText';

/** How a need's sync state is written in its blob's metadata (src/stores/azure/blobNeedsJournal.ts). */

/** Azure allows 8 KiB of metadata per blob: the sync error gets at most this much of it. */
export const MAX_ERROR_METADATA = 4096;
const STATUSES = new Set<JournalEntry['syncStatus']>(['pending', 'synced', 'failed']);

export interface Listed extends SyncCandidate {
  conversationId: string;
  createdAt: string;
}

export interface Body {
  reference: string;
  conversationId: string;
  record: Record<string, unknown>;
}

export function toMetadata(entry: JournalEntry): Metadata {
  const metadata: Metadata = {
    version: String(entry.version),
    syncstatus: entry.syncStatus,
    createdat: entry.createdAt,
    updatedat: entry.updatedAt,
    // Metadata travels in HTTP headers: ASCII only.
    conversationid: encodeURIComponent(entry.conversationId),
  };
  if (entry.syncError !== undefined) metadata.syncerror = encodeBounded(entry.syncError, MAX_ERROR_METADATA);
  return metadata;
}

export function toEntry(reference: string, body: Body, meta: Metadata): JournalEntry {
  const entry: JournalEntry = {
    reference,
    conversationId: body.conversationId,
    record: body.record,
    version: Number(meta.version),
    createdAt: meta.createdat ?? '',
    updatedAt: meta.updatedat ?? '',
    syncStatus: syncStatusOf(meta.syncstatus),
  };
  if (!Number.isInteger(entry.version) || entry.version < 1) throw new Error(`The need ${reference} has no valid version in its metadata`);
  if (meta.syncerror !== undefined) entry.syncError = decodeURIComponent(meta.syncerror);
  return entry;
}

export function syncStatusOf(value: string | undefined): JournalEntry['syncStatus'] {
  if (!value || !STATUSES.has(value as JournalEntry['syncStatus'])) throw new Error(`Unknown sync status in a need's metadata: ${value}`);
  return value as JournalEntry['syncStatus'];
}

/** Oldest first (the reference breaks ties: sequences grow). */
export function byCreation(a: Listed, b: Listed): number {
  return compare(a.createdAt, b.createdAt) || compare(a.reference, b.reference);
}

/** 'pending' before 'failed' (a few poison records cannot starve the queue), least recently saved first. */
export function bySyncOrder(a: Pick<Listed, 'syncStatus' | 'updatedAt' | 'createdAt' | 'reference'>, b: typeof a): number {
  return (
    Number(a.syncStatus === 'failed') - Number(b.syncStatus === 'failed') ||
    compare(a.updatedAt, b.updatedAt) ||
    compare(a.createdAt, b.createdAt) ||
    compare(a.reference, b.reference)
  );
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
