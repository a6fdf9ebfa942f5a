import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import type { BlockBlobClient, Metadata } from '@azure/storage-blob';
import type { JournalEntry, NeedsJournal } from '../needsJournal';
import { acquireClaim, releaseClaim } from './blobClaim';
import { backoff, isConflict, isNotFound } from './blobErrors';
import { downloadText } from './blobText';
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
 * - `sequences/<prefix>/<year>`: the last number handed out, bumped with an If-Match write
 *   (If-None-Match: * for the first one): a number is handed out once, whatever the instances.
 * - `claims/<reference>`: an empty blob whose lease an instance holds while it syncs that
 *   need. `pending()` returns only needs this instance could claim (and re-reads each one after
 *   claiming it: another instance may have synced it meanwhile); `markSynced`/`markFailed`
 *   release the claim. Claims are renewed while held, let go after `maxClaimMs`, and lapse
 *   `claimSeconds` after an instance dies. Leases are on separate blobs on purpose: a leased
 *   blob refuses writes without the lease id, and the bot must be able to save a need again
 *   while it is being synced.
 */

const NEEDS = 'needs/';
const SEQUENCES = 'sequences/';
const CLAIMS = 'claims/';
/** Lost races tolerated before giving up (each one means another write went through). */
const MAX_ATTEMPTS = 50;
/** Reads of need bodies in flight at once. */
const READ_CONCURRENCY = 8;
/** Azure allows 8 KiB of metadata per blob: the sync error gets at most this much of it. */
const MAX_ERROR_METADATA = 4096;
const STATUSES = new Set<JournalEntry['syncStatus']>(['pending', 'synced', 'failed']);

export interface BlobNeedsJournalOptions {
  now?: () => Date;
  /** Lease duration of a sync claim, 15-60 s: how long a killed instance's claims block others. Default 60. */
  claimSeconds?: number;
  /** A claim not released by then (a sync that stopped before marking the need) is let go. Default 10 min. */
  maxClaimMs?: number;
}

interface Listed {
  reference: string;
  conversationId: string;
  createdAt: string;
  updatedAt: string;
  syncStatus: JournalEntry['syncStatus'];
}

interface Body {
  reference: string;
  conversationId: string;
  record: Record<string, unknown>;
}

export class BlobNeedsJournal implements NeedsJournal {
  private readonly now: () => Date;
  private readonly claimSeconds: number;
  private readonly maxClaimMs: number;
  /** One lease id per journal instance: re-claiming a need this instance holds succeeds. */
  private readonly leaseId = randomUUID();
  /** Claims held, by reference → when first claimed (ms). */
  private readonly held = new Map<string, number>();
  private renewTimer?: NodeJS.Timeout;
  /** One reference allocation at a time per counter within an instance: races are only between instances. */
  private readonly sequenceQueues = new Map<string, Promise<void>>();

  constructor(
    private readonly container: Container,
    options: BlobNeedsJournalOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.claimSeconds = Math.min(60, Math.max(15, options.claimSeconds ?? 60));
    this.maxClaimMs = options.maxClaimMs ?? 10 * 60_000;
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
    for (let attempt = 0; ; attempt++) {
      const current = await this.properties(blob);
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
      try {
        await blob.upload(body, Buffer.byteLength(body), {
          metadata: toMetadata(entry),
          blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
          conditions: current ? { ifMatch: current.etag } : { ifNoneMatch: '*' },
        });
        return entry;
      } catch (err) {
        if (!isConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
        await backoff(attempt);
      }
    }
  }

  async get(reference: string): Promise<JournalEntry | undefined> {
    await this.container.ensure();
    try {
      const res = await this.needBlob(reference).download();
      const body = JSON.parse(await text(res.readableStreamBody as NodeJS.ReadableStream)) as Body;
      return toEntry(reference, body, res.metadata ?? {});
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
    const candidates = (await this.list()).filter((l) => l.syncStatus !== 'synced').sort(bySyncOrder);
    const out: JournalEntry[] = [];
    for (const candidate of candidates) {
      if (out.length >= limit) break;
      if (!(await this.claim(candidate.reference))) continue;
      // Read again under the claim: the listing may predate another instance's sync.
      const entry = await this.get(candidate.reference);
      if (!entry || entry.syncStatus === 'synced') {
        await this.release(candidate.reference);
        continue;
      }
      out.push(entry);
    }
    return out.sort(bySyncOrder);
  }

  async markSynced(reference: string, version: number): Promise<void> {
    await this.setStatus(reference, version, 'synced');
  }

  async markFailed(reference: string, version: number, error: string): Promise<void> {
    await this.setStatus(reference, version, 'failed', error);
  }

  async erase(reference: string): Promise<boolean> {
    await this.container.ensure();
    const { succeeded } = await this.needBlob(reference).deleteIfExists();
    // The claim blob holds no personal data; one leased by another instance's sync stays, empty.
    await this.claimBlob(reference)
      .deleteIfExists(this.held.has(reference) ? { conditions: { leaseId: this.leaseId } } : {})
      .catch(() => undefined);
    this.held.delete(reference);
    return succeeded;
  }

  /** Lets go of every claim this instance holds (at shutdown: another instance may sync them at once). */
  async close(): Promise<void> {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = undefined;
    await Promise.all([...this.held.keys()].map((reference) => this.release(reference)));
  }

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
    for (let attempt = 0; ; attempt++) {
      const stored = await downloadText(blob);
      const last = stored ? Number(stored.text) : 0;
      const etag = stored?.etag;
      if (!Number.isSafeInteger(last) || last < 0) throw new Error(`The reference counter ${name} is corrupt`);
      const next = String(last + 1);
      try {
        await blob.upload(next, next.length, {
          blobHTTPHeaders: { blobContentType: 'text/plain' },
          conditions: etag ? { ifMatch: etag } : { ifNoneMatch: '*' },
        });
        return last + 1;
      } catch (err) {
        if (!isConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
        await backoff(attempt);
      }
    }
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

  private async list(): Promise<Listed[]> {
    await this.container.ensure();
    const out: Listed[] = [];
    for await (const item of this.container.client.listBlobsFlat({ prefix: NEEDS, includeMetadata: true })) {
      const meta = item.metadata ?? {};
      out.push({
        reference: decodeURIComponent(item.name.slice(NEEDS.length)),
        conversationId: decodeURIComponent(meta.conversationid ?? ''),
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
    try {
      for (let attempt = 0; ; attempt++) {
        const current = await this.properties(blob);
        // Erased, or saved again since `version` was sent: the result no longer applies.
        if (!current || Number(current.metadata.version) !== version) return;
        const metadata: Metadata = { ...current.metadata, syncstatus: status };
        delete metadata.syncerror;
        if (error !== undefined) metadata.syncerror = encodeBounded(error, MAX_ERROR_METADATA);
        try {
          await blob.setMetadata(metadata, { conditions: { ifMatch: current.etag } });
          return;
        } catch (err) {
          if (!isConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
          await backoff(attempt);
        }
      }
    } finally {
      await this.release(reference);
    }
  }

  // ------------------------------------------------------------------ claims

  private claimBlob(reference: string): BlockBlobClient {
    return this.container.client.getBlockBlobClient(CLAIMS + encodeURIComponent(reference));
  }

  /** True when this instance now holds the need's claim (or already did); false when another instance does. */
  private async claim(reference: string): Promise<boolean> {
    if (!(await acquireClaim(this.claimBlob(reference), this.leaseId, this.claimSeconds))) return false;
    if (!this.held.has(reference)) this.held.set(reference, Date.now());
    this.renewClaims();
    return true;
  }

  private async release(reference: string): Promise<void> {
    if (!this.held.delete(reference)) return;
    // Not given back (storage unreachable): the lease lapses by itself within claimSeconds.
    await releaseClaim(this.claimBlob(reference), this.leaseId).catch(() => undefined);
  }

  /** Keeps held claims alive (a sync may outlast one lease); lets go of those held too long. */
  private renewClaims(): void {
    if (this.renewTimer) return;
    this.renewTimer = setInterval(() => {
      if (!this.held.size) {
        clearInterval(this.renewTimer);
        this.renewTimer = undefined;
        return;
      }
      const now = Date.now();
      for (const [reference, since] of this.held) {
        if (now - since > this.maxClaimMs) {
          void this.release(reference);
          continue;
        }
        this.claimBlob(reference)
          .getBlobLeaseClient(this.leaseId)
          .renewLease()
          .catch(() => {
            // Lost (expired and taken, or the blob erased): this instance no longer holds it.
            this.held.delete(reference);
          });
      }
    }, (this.claimSeconds * 1000) / 3);
    this.renewTimer.unref();
  }
}

function toMetadata(entry: JournalEntry): Metadata {
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

function toEntry(reference: string, body: Body, meta: Metadata): JournalEntry {
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

function syncStatusOf(value: string | undefined): JournalEntry['syncStatus'] {
  if (!value || !STATUSES.has(value as JournalEntry['syncStatus'])) throw new Error(`Unknown sync status in a need's metadata: ${value}`);
  return value as JournalEntry['syncStatus'];
}

/** URI-encoded, cut (on a character boundary) so that the encoded form fits in `max` characters. */
function encodeBounded(value: string, max: number): string {
  let out = '';
  for (const char of value) {
    let encoded: string;
    try {
      encoded = encodeURIComponent(char);
    } catch {
      encoded = '%EF%BF%BD'; // a lone surrogate: U+FFFD
    }
    if (out.length + encoded.length > max) break;
    out += encoded;
  }
  return out;
}

/** Oldest first (the reference breaks ties: sequences grow). */
function byCreation(a: Listed, b: Listed): number {
  return compare(a.createdAt, b.createdAt) || compare(a.reference, b.reference);
}

/** 'pending' before 'failed' (a few poison records cannot starve the queue), least recently saved first. */
function bySyncOrder(a: Pick<Listed, 'syncStatus' | 'updatedAt' | 'createdAt' | 'reference'>, b: typeof a): number {
  return (
    Number(a.syncStatus === 'failed') - Number(b.syncStatus === 'failed') ||
    compare(a.updatedAt, b.updatedAt) ||
    compare(a.createdAt, b.createdAt) ||
    compare(a.reference, b.reference)
  );
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
