import { text } from 'node:stream/consumers';
import type { BlockBlobClient, Metadata } from '@azure/storage-blob';
import { type JournalEntry, NeedErasedError, type NeedsJournal, type SyncCandidate } from '../needsJournal';
import { isNotFound, retryOnConflict } from './blobErrors';
import { type Body, byCreation, bySyncOrder, type Listed, MAX_ERROR_METADATA, syncStatusOf, toEntry, toMetadata } from './blobNeedMetadata';
import { downloadText, encodeBounded } from './blobText';
import type { Container } from './container';

/**
 * NeedsJournal on Azure Blob Storage, for several bot instances sharing one storage account.
 *
 * Layout of the container:
 * - `needs/<reference>`: one blob per need; body = { reference, conversationId, record }; the
 *   sync state lives in the blob's metadata (version, syncstatus, createdat, updatedat,
 *   conversationid, syncerror), so that a listing tells what is pending without reading bodies
 *   and a sync result is one conditional metadata write. Every write is conditional on the
 *   eTag read just before it (optimistic concurrency): two instances never lose an update.
 *   An erased need keeps its blob as a tombstone: empty body, metadata `erasedat` (and no
 *   conversation), written over the eTag read, so a save racing the erasure loses.
 * - `sequences/<prefix>/<year>`: the last number handed out, bumped with an If-Match write
 *   (If-None-Match: * for the first one): a number is handed out once, whatever the instances.
 *
 * Who syncs a need is decided by claims (src/stores/azure/blobClaims.ts), not here.
 */

const NEEDS = 'needs/';
const SEQUENCES = 'sequences/';
/** Reads of need bodies in flight at once. */
const READ_CONCURRENCY = 8;

export interface BlobNeedsJournalOptions {
  now?: () => Date;
}

export class BlobNeedsJournal implements NeedsJournal {
  private readonly now: () => Date;
  /** One reference allocation at a time per counter within an instance: races are only between instances. */
  private readonly sequenceQueues = new Map<string, Promise<void>>();

  constructor(
    private readonly container: Container,
    options: BlobNeedsJournalOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async nextReference(prefix: string, year: number): Promise<string> {
    if (!prefix || !Number.isInteger(year) || year < 1) {
      throw new RangeError(`Invalid reference prefix or year: "${prefix}", ${year}`);
    }
    const key = `${SEQUENCES}${encodeURIComponent(prefix)}/${year}`;
    const last = await this.serialized(key, () => this.bump(key));
    return `${prefix}-${year}-${String(last).padStart(5, '0')}`;
  }

  async save(reference: string, conversationId: string, record: Record<string, unknown>): Promise<JournalEntry> {
    await this.container.ensure();
    const blob = this.needBlob(reference);
    const body = JSON.stringify({ reference, conversationId, record } satisfies Body);
    return retryOnConflict(async () => {
      const current = await this.properties(blob);
      if (current?.metadata.erasedat) throw new NeedErasedError(reference);
      const version = current ? Number(current.metadata.version) + 1 : 1;
      if (!Number.isInteger(version)) throw new Error(`The need ${reference} has no valid version in its metadata`);
      const at = this.now().toISOString();
      const entry: JournalEntry = {
        reference,
        conversationId,
        record: (JSON.parse(body) as Body).record,
        version,
        createdAt: current?.metadata.createdat ?? at,
        updatedAt: at,
        syncStatus: 'pending',
      };
      await blob.upload(body, Buffer.byteLength(body), {
        metadata: toMetadata(entry),
        blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
        conditions: current ? { ifMatch: current.etag } : { ifNoneMatch: '*' },
      });
      return entry;
    });
  }

  async get(reference: string): Promise<JournalEntry | undefined> {
    await this.container.ensure();
    try {
      const res = await this.needBlob(reference).download();
      const body = await text(res.readableStreamBody as NodeJS.ReadableStream);
      if (res.metadata?.erasedat) return undefined;
      return toEntry(reference, JSON.parse(body) as Body, res.metadata ?? {});
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async byConversation(conversationId: string): Promise<JournalEntry[]> {
    return this.read((await this.list()).filter((l) => l.conversationId === conversationId).sort(byCreation));
  }

  async all(): Promise<JournalEntry[]> {
    return this.read((await this.list()).sort(byCreation));
  }

  async pending(limit: number): Promise<JournalEntry[]> {
    const listed = (await this.list()).filter((l) => l.syncStatus !== 'synced').sort(bySyncOrder);
    // Read one by one until `limit`: an entry synced or erased since the listing is skipped.
    const out: JournalEntry[] = [];
    for (const candidate of listed) {
      if (out.length >= limit) break;
      const entry = await this.get(candidate.reference);
      if (entry && entry.syncStatus !== 'synced') out.push(entry);
    }
    return out;
  }

  async unsynced(): Promise<SyncCandidate[]> {
    return (await this.list())
      .filter((l) => l.syncStatus !== 'synced')
      .sort(bySyncOrder)
      .map(({ reference, version, syncStatus, updatedAt }) => ({ reference, version, syncStatus, updatedAt }));
  }

  async markSynced(reference: string, version: number): Promise<void> {
    await this.setStatus(reference, version, 'synced');
  }

  async markFailed(reference: string, version: number, error: string): Promise<void> {
    await this.setStatus(reference, version, 'failed', error);
  }

  async erase(reference: string): Promise<boolean> {
    await this.container.ensure();
    const blob = this.needBlob(reference);
    return retryOnConflict(async () => {
      const current = await this.properties(blob);
      if (current?.metadata.erasedat) return false;
      const at = this.now().toISOString();
      // The reference and the dates stay; the record and the conversation go.
      const metadata: Metadata = { version: String(Number(current?.metadata.version ?? 0) + 1), syncstatus: 'synced', createdat: current?.metadata.createdat ?? at, updatedat: at, erasedat: at };
      await blob.upload('', 0, { metadata, conditions: current ? { ifMatch: current.etag } : { ifNoneMatch: '*' } });
      return current !== undefined;
    });
  }

  async isErased(reference: string): Promise<boolean> {
    await this.container.ensure();
    return !!(await this.properties(this.needBlob(reference)))?.metadata.erasedat;
  }

  /** Nothing held between calls: kept for the stores' shutdown. */
  async close(): Promise<void> {}

  // ------------------------------------------------------------------ sequences

  private serialized(key: string, task: () => Promise<number>): Promise<number> {
    const previous = this.sequenceQueues.get(key) ?? Promise.resolve();
    const run = previous.then(task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.sequenceQueues.set(key, settled);
    void settled.then(() => {
      if (this.sequenceQueues.get(key) === settled) this.sequenceQueues.delete(key);
    });
    return run;
  }

  private async bump(name: string): Promise<number> {
    await this.container.ensure();
    const blob = this.container.client.getBlockBlobClient(name);
    return retryOnConflict(async () => {
      const stored = await downloadText(blob);
      const last = stored ? Number(stored.text) : 0;
      const etag = stored?.etag;
      if (!Number.isSafeInteger(last) || last < 0) throw new Error(`The reference counter ${name} is corrupt`);
      const next = String(last + 1);
      await blob.upload(next, next.length, {
        blobHTTPHeaders: { blobContentType: 'text/plain' },
        conditions: etag ? { ifMatch: etag } : { ifNoneMatch: '*' },
      });
      return last + 1;
    });
  }

  // ------------------------------------------------------------------ needs

  private needBlob(reference: string): BlockBlobClient {
    return this.container.client.getBlockBlobClient(NEEDS + encodeURIComponent(reference));
  }

  private async properties(blob: BlockBlobClient): Promise<{ etag: string; metadata: Metadata } | undefined> {
    try {
      const props = await blob.getProperties();
      return { etag: props.etag!, metadata: props.metadata ?? {} };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Live entries (no tombstones), from one listing with metadata. */
  private async list(): Promise<Listed[]> {
    await this.container.ensure();
    const out: Listed[] = [];
    for await (const item of this.container.client.listBlobsFlat({ prefix: NEEDS, includeMetadata: true })) {
      const meta = item.metadata ?? {};
      if (meta.erasedat) continue;
      out.push({
        reference: decodeURIComponent(item.name.slice(NEEDS.length)),
        conversationId: decodeURIComponent(meta.conversationid ?? ''),
        version: Number(meta.version),
        createdAt: meta.createdat ?? '',
        updatedAt: meta.updatedat ?? '',
        syncStatus: syncStatusOf(meta.syncstatus),
      });
    }
    return out;
  }

  /** The entries listed, in the same order; one erased meanwhile is left out. */
  private async read(listed: Listed[]): Promise<JournalEntry[]> {
    const out: (JournalEntry | undefined)[] = new Array(listed.length);
    let next = 0;
    const worker = async () => {
      while (next < listed.length) {
        const i = next++;
        out[i] = await this.get(listed[i].reference);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, listed.length) }, worker));
    return out.filter((e): e is JournalEntry => e !== undefined);
  }

  private async setStatus(reference: string, version: number, status: 'synced' | 'failed', error?: string): Promise<void> {
    await this.container.ensure();
    const blob = this.needBlob(reference);
    await retryOnConflict(async () => {
      const current = await this.properties(blob);
      // Erased, or saved again since `version` was sent: the result no longer applies.
      if (!current || current.metadata.erasedat || Number(current.metadata.version) !== version) return;
      const metadata: Metadata = { ...current.metadata, syncstatus: status };
      delete metadata.syncerror;
      if (error !== undefined) metadata.syncerror = encodeBounded(error, MAX_ERROR_METADATA);
      await blob.setMetadata(metadata, { conditions: { ifMatch: current.etag } });
    });
  }
}
