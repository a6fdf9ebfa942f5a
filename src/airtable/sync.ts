import type { Logger } from '../log';
import { type NeedRecord, needRecordSchema } from '../needs/record';
import { BackgroundLoop } from '../stores/backgroundLoop';
import { type Claim, type Claims, needClaim } from '../stores/claims';
import type { JournalEntry, NeedsJournal } from '../stores/needsJournal';
import { AirtableApiError, type AirtableRequest, recordsPath } from './http';
import { needCells, STAFF_OWNED_FIELDS, structureCells, structureKey, type StructureKey } from './mapping';
import { REFERENCE_FIELD, STRUCTURE_KEY_FIELD } from './schema';

/**
 * Pushes the needs of the local journal (the source of truth, and the outbox) to the staff
 * base. Only upserts are sent (`performUpsert`: structures on RNA, SIREN or our `Clé`; needs on
 * `Référence`), so a request retried after a timeout that Airtable did process creates nothing
 * twice. Each entry ends `synced` (for the version sent) or `failed` with Airtable's message;
 * transient trouble (429, 5xx, timeouts) is retried by the request function and leaves entries
 * `pending`; a problem with the token or the base stops the run and leaves them `pending` too.
 *
 * Ordered per need, whatever the number of syncers (the server's, `needs:sync`, other
 * instances): a need is sent only under its claim (`needClaim`, src/stores/claims.ts), read
 * again once claimed (so the version sent is the latest at claim time), and released after its
 * result is written; the claim is renewed while the batch retries, and a batch whose claim is
 * lost is abandoned. So one need's versions reach Airtable in order. The fields staff own
 * (`Statut`) are never in an upsert: they are set once on a record that lacks them, so a late
 * version can never reset a staff decision. An erased need (a tombstone in the journal) is
 * never sent, even when it was erased while its batch was on the way.
 */

export interface NeedsSyncOptions {
  journal: NeedsJournal;
  /** The store's claims (shared with the other syncers and the erasure worker). */
  claims: Claims;
  request: AirtableRequest;
  baseId: string;
  logger: Logger;
  /** Needs per batch (and per request): at most 10, Airtable's limit. Default 10. */
  batchSize?: number;
  /** In the background, entries that failed are retried at most this often. Default 15 min. */
  failedRetryMs?: number;
  /** Attempts per request on transient failures. Default: unlimited while the sync runs. */
  maxAttempts?: number;
  now?: () => number;
}

export interface SyncReport {
  synced: number;
  failed: number;
  /** Needs another syncer (or an erasure) was holding: left for it, or for the next run. */
  busy: number;
  /** Set when the run stopped early on a problem that is not a record's (token, base, outage). */
  error?: string;
  /** The run was stopped by `stop()`. */
  aborted: boolean;
}

export interface RunOptions {
  /** Also retry entries that failed before (they come after the pending ones). Default true. */
  includeFailed?: boolean;
}

type UpsertResult = { ok: true; id: string; fields: Record<string, unknown> } | { ok: false; error: string };

interface Item {
  entry: JournalEntry;
  record: NeedRecord;
  key: StructureKey;
  structureId?: string;
  error?: string;
  /** Erased by the user while being synced: not sent (the erasure task cleans what was). */
  erased?: boolean;
}

const RECORD_LEVEL = new Set([400, 413, 422]);
const STRUCTURE_MERGE_FIELDS: readonly StructureKey['field'][] = ['RNA', 'SIREN', STRUCTURE_KEY_FIELD];

export class NeedsSync {
  private readonly journal: NeedsJournal;
  private readonly claims: Claims;
  private readonly request: AirtableRequest;
  private readonly baseId: string;
  private readonly log: Logger;
  private readonly batchSize: number;
  private readonly failedRetryMs: number;
  private readonly maxAttempts?: number;
  private readonly now: () => number;
  private readonly background: BackgroundLoop;
  private current?: Promise<SyncReport>;

  constructor(options: NeedsSyncOptions) {
    this.journal = options.journal;
    this.claims = options.claims;
    this.request = options.request;
    this.baseId = options.baseId;
    this.log = options.logger;
    this.batchSize = Math.min(10, Math.max(1, options.batchSize ?? 10));
    this.failedRetryMs = options.failedRetryMs ?? 15 * 60_000;
    this.maxAttempts = options.maxAttempts;
    this.now = options.now ?? Date.now;
    this.background = new BackgroundLoop('Airtable sync', this.log);
  }

  /** Drains the journal's pending entries once. Never throws; a run already going is shared. */
  run(options: RunOptions = {}): Promise<SyncReport> {
    if (!this.current) {
      this.current = this.drain(options.includeFailed ?? true).finally(() => {
        this.current = undefined;
      });
    }
    return this.current;
  }

  /**
   * Runs now (catching up at boot), then `intervalMs` after the end of each run, until `stop()`.
   * Failed entries are retried every `failedRetryMs`.
   */
  start(intervalMs = 30_000): void {
    let lastFailedPass = -Infinity;
    this.background.start(() => {
      const includeFailed = this.now() - lastFailedPass >= this.failedRetryMs;
      if (includeFailed) lastFailedPass = this.now();
      return this.run({ includeFailed });
    }, intervalMs);
  }

  /** Asks the background loop for a run now (e.g. right after a need was saved). */
  poke(): void {
    this.background.poke();
  }

  /** Stops waiting and retrying, and resolves once the current run has returned. */
  async stop(): Promise<void> {
    await this.background.stop();
    await this.current;
  }

  private async drain(includeFailed: boolean): Promise<SyncReport> {
    const report: SyncReport = { synced: 0, failed: 0, busy: 0, aborted: false };
    const stop = this.background.signal;
    try {
      // One listing per run, then each need claimed and read in turn: requests grow with n, not n².
      const candidates = (await this.journal.unsynced()).filter((c) => includeFailed || c.syncStatus === 'pending');
      let next = 0;
      while (next < candidates.length) {
        if (stop.aborted) throw stop.reason;
        const batch: { entry: JournalEntry; claim: Claim }[] = [];
        while (batch.length < this.batchSize && next < candidates.length) {
          const held = await this.claimLatest(candidates[next++].reference, includeFailed, report);
          if (held) batch.push(held);
        }
        if (!batch.length) continue;
        const lost = batch.map((b) => b.claim.signal);
        try {
          await this.syncBatch(batch.map((b) => b.entry), report, AbortSignal.any([stop, ...lost]));
        } catch (err) {
          if (stop.aborted || !lost.some((s) => s.aborted)) throw err;
          // A claim lapsed under us (storage unreachable too long): another syncer may have the need now.
          this.log.warn({ references: batch.map((b) => b.entry.reference) }, 'Airtable sync lost a claim; batch abandoned, the needs stay pending');
        } finally {
          await Promise.all(batch.map((b) => b.claim.release()));
        }
      }
    } catch (err) {
      if (stop.aborted) {
        report.aborted = true;
      } else {
        report.error = err instanceof Error ? err.message : String(err);
        this.log.error({ err: report.error }, 'Airtable sync stopped early; the needs stay pending');
      }
    }
    if (report.synced || report.failed || report.error) {
      this.log.info({ synced: report.synced, failed: report.failed, busy: report.busy, aborted: report.aborted }, 'Airtable sync run');
    }
    return report;
  }

  /** The need under its claim, at its latest version; undefined when held elsewhere, synced or erased meanwhile. */
  private async claimLatest(reference: string, includeFailed: boolean, report: SyncReport): Promise<{ entry: JournalEntry; claim: Claim } | undefined> {
    const claim = await this.claims.acquire(needClaim(reference));
    if (!claim) {
      report.busy++;
      return undefined;
    }
    try {
      const entry = await this.journal.get(reference);
      if (entry && (entry.syncStatus === 'pending' || (includeFailed && entry.syncStatus === 'failed'))) return { entry, claim };
    } catch (err) {
      await claim.release();
      throw err;
    }
    await claim.release();
    return undefined;
  }

  private async syncBatch(entries: JournalEntry[], report: SyncReport, signal: AbortSignal): Promise<void> {
    const fail = async (entry: JournalEntry, error: string) => {
      await this.journal.markFailed(entry.reference, entry.version, error);
      report.failed++;
      this.log.warn({ reference: entry.reference, version: entry.version, error }, 'need not synced to Airtable');
    };

    const items: Item[] = [];
    for (const entry of entries) {
      const parsed = needRecordSchema.safeParse(entry.record);
      if (!parsed.success) {
        const why = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        await fail(entry, `INVALID_RECORD: the stored record does not match the need record (${why})`);
        continue;
      }
      items.push({ entry, record: parsed.data, key: structureKey(parsed.data.Structures, entry.reference) });
    }
    await this.dropErased(items);

    // Structures: one upsert per key (the latest need wins), grouped by merge field.
    const keyId = (k: StructureKey) => `${k.field}\u0000${k.value}`;
    const structures = new Map<string, { key: StructureKey; fields: Record<string, unknown> }>();
    for (const item of items) if (!item.erased) structures.set(keyId(item.key), { key: item.key, fields: structureCells(item.record, item.key) });
    const results = new Map<string, UpsertResult>();
    for (const field of STRUCTURE_MERGE_FIELDS) {
      const group = [...structures.entries()].filter(([, s]) => s.key.field === field);
      for (const chunk of chunks(group, 10)) {
        const out = await this.upsert('Structures', field, chunk.map(([, s]) => s.fields), signal);
        chunk.forEach(([id], i) => results.set(id, out[i]));
      }
    }
    for (const item of items) {
      const r = results.get(keyId(item.key));
      if (!r) continue;
      if (r.ok) item.structureId = r.id;
      else item.error = r.error;
    }
    for (const item of items) if (item.error) await fail(item.entry, item.error);

    // Needs, linked to their structure by record id; one erased while its structure was sent is dropped.
    await this.dropErased(items);
    const ready = items.filter((i) => !i.error && !i.erased);
    for (const chunk of chunks(ready, 10)) {
      const records = chunk.map((i) => needCells(i.record, i.structureId, { includeStaffOwned: false }));
      const out = await this.upsert('Besoins', REFERENCE_FIELD, records, signal);
      // The fields staff own, only where the record has none yet (a record Airtable just created).
      const missing: { id: string; fields: Record<string, unknown> }[] = [];
      chunk.forEach((item, i) => {
        const r = out[i];
        if (!r.ok) return;
        const fields: Record<string, unknown> = {};
        for (const name of STAFF_OWNED_FIELDS) {
          const mine = (item.record.Besoins as Record<string, unknown>)[name];
          if (mine !== undefined && (r.fields[name] === undefined || r.fields[name] === null || r.fields[name] === '')) fields[name] = mine;
        }
        if (Object.keys(fields).length) missing.push({ id: r.id, fields });
      });
      if (missing.length) {
        try {
          await this.request({
            method: 'PATCH',
            path: recordsPath(this.baseId, 'Besoins'),
            body: { records: missing, typecast: true },
            signal,
            maxAttempts: this.maxAttempts,
          });
        } catch (err) {
          if (!(err instanceof AirtableApiError) || !RECORD_LEVEL.has(err.status)) throw err;
          this.log.warn({ error: err.message }, 'could not set the initial status of re-sent needs');
        }
      }
      for (const [i, item] of chunk.entries()) {
        const r = out[i];
        if (r.ok) {
          await this.journal.markSynced(item.entry.reference, item.entry.version);
          report.synced++;
        } else {
          await fail(item.entry, r.error);
        }
      }
    }
  }

  private async dropErased(items: Item[]): Promise<void> {
    for (const item of items) {
      if (item.erased || !(await this.journal.isErased(item.entry.reference))) continue;
      item.erased = true;
      this.log.info({ reference: item.entry.reference }, 'need erased while being synced: not sent');
    }
  }

  /**
   * Upserts up to 10 records on one merge field, typecast on (new select options are created;
   * links are written as record ids, so typecast never invents a linked record). A record-level
   * rejection (422…) of a batch is narrowed down by sending its records one by one, so that one
   * bad record does not hold back the others. Results are in the order of `records`.
   */
  private async upsert(
    table: 'Structures' | 'Besoins',
    mergeOn: string,
    records: Record<string, unknown>[],
    signal: AbortSignal,
  ): Promise<UpsertResult[]> {
    try {
      const res = await this.request<{ records?: { id: string; fields?: Record<string, unknown> }[] }>({
        method: 'PATCH',
        path: recordsPath(this.baseId, table),
        body: { performUpsert: { fieldsToMergeOn: [mergeOn] }, typecast: true, records: records.map((fields) => ({ fields })) },
        signal,
        maxAttempts: this.maxAttempts,
      });
      const returned = res.records ?? [];
      return records.map((fields, i) => {
        const byValue = returned.find((r) => r.fields?.[mergeOn] === fields[mergeOn]);
        const r = byValue ?? returned[i];
        return r?.id
          ? { ok: true as const, id: r.id, fields: r.fields ?? {} }
          : { ok: false as const, error: `${table}: Airtable returned no record for this upsert` };
      });
    } catch (err) {
      if (!(err instanceof AirtableApiError) || !RECORD_LEVEL.has(err.status)) throw err;
      if (records.length === 1) return [{ ok: false, error: `${table}: ${err.type}: ${err.airtableMessage}` }];
      const out: UpsertResult[] = [];
      for (const r of records) out.push(...(await this.upsert(table, mergeOn, [r], signal)));
      return out;
    }
  }
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
