import type { Logger } from '../../log';
import type { InsightsBatch, InsightsCell, InsightsFilter, InsightsStore, InsightsVersion } from '../insightsStore';
import { isConflict } from './blobErrors';
import { compactInsights } from './blobInsightsCompaction';
import {
  deltaName,
  downloadDeltas,
  downloadJson,
  listDeltas,
  mapLimited,
  monthOf,
  SNAPSHOTS,
  snapshotBodySchema,
  toTuple,
  VERSIONS,
  versionBodySchema,
} from './blobInsightsLayout';
import { uploadText } from './blobText';
import type { Container } from './container';

export interface BlobInsightsStoreOptions {
  now?: () => Date;
  /** How often (at most) this instance merges the deltas into the snapshots, after a write. Default 30 s. */
  compactEveryMs?: number;
  log?: Logger;
}

const JSON_TYPE = { blobContentType: 'application/json; charset=utf-8' };

/**
 * InsightsStore on Azure Blob Storage, for several instances counting at once without ever
 * losing an increment: each batch is its own blob, created once (a retried write finds it and
 * stops), and compaction merges them into monthly snapshots under eTag checks
 * (blobInsightsCompaction.ts). Reads are the snapshots plus the deltas they have not merged.
 */
export class BlobInsightsStore implements InsightsStore {
  readonly shared = true;
  private readonly now: () => Date;
  private readonly compactEveryMs: number;
  private lastCompaction = 0;

  constructor(
    private readonly container: Container,
    private readonly options: BlobInsightsStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.compactEveryMs = options.compactEveryMs ?? 30_000;
  }

  async add(batch: InsightsBatch): Promise<void> {
    await this.container.ensure();
    const client = this.container.client;
    // Versions first: a cell is never readable before what reading it needs.
    for (const v of batch.versions) await uploadText(client.getBlockBlobClient(VERSIONS + v.version), JSON.stringify(v), { blobHTTPHeaders: JSON_TYPE });
    const body = JSON.stringify({ cells: batch.cells.map(toTuple) });
    try {
      await uploadText(client.getBlockBlobClient(deltaName(batch.writer, batch.seq)), body, { blobHTTPHeaders: JSON_TYPE, conditions: { ifNoneMatch: '*' } });
    } catch (err) {
      // Already there: an earlier attempt did write it (the answer was lost on the way).
      if (!isConflict(err)) throw err;
    }
    if (this.now().getTime() - this.lastCompaction >= this.compactEveryMs) await this.compact();
  }

  /** Merges the deltas into the snapshots now (also done after writes, every `compactEveryMs`). */
  async compact(): Promise<void> {
    this.lastCompaction = this.now().getTime();
    try {
      await this.container.ensure();
      await compactInsights(this.container.client, this.now());
    } catch (err) {
      // Nothing is lost: the deltas stay and are read as they are until the next compaction.
      this.options.log?.warn({ err }, 'insights: compaction failed; retried later');
    }
  }

  async committedThrough(writer: string): Promise<number> {
    await this.container.ensure();
    const listed = await listDeltas(this.container.client, writer);
    return listed.reduce((max, d) => Math.max(max, d.seq), 0);
  }

  async read(filter: InsightsFilter = {}): Promise<{ cells: InsightsCell[]; versions: InsightsVersion[] }> {
    await this.container.ensure();
    const client = this.container.client;
    // Deltas before snapshots: a delta merged and deleted in between is then in the snapshot read after.
    const listed = await listDeltas(client);
    const bodies = await downloadDeltas(client, listed);
    const months: string[] = [];
    for await (const item of client.listBlobsFlat({ prefix: SNAPSHOTS })) months.push(item.name.slice(SNAPSHOTS.length));
    const wanted = months.filter((m) => (!filter.from || m >= monthOf(filter.from)) && (!filter.to || m <= monthOf(filter.to)));
    const merged = new Map<string, Record<string, number>>();
    const sums = new Map<string, InsightsCell>();
    const keep = (c: InsightsCell) =>
      (!filter.versions || filter.versions.includes(c.version)) && (!filter.from || c.day >= filter.from) && (!filter.to || c.day <= filter.to);
    const add = (c: InsightsCell) => {
      if (!keep(c)) return;
      const key = JSON.stringify(toTuple(c).slice(0, 7));
      const had = sums.get(key);
      if (had) had.n += c.n;
      else sums.set(key, { ...c });
    };
    await mapLimited(wanted, 4, async (month) => {
      const snap = await downloadJson(client, SNAPSHOTS + month, snapshotBodySchema);
      merged.set(month, snap?.value.merged ?? {});
      for (const [version, day, channel, lang, node, metric, detail, n] of snap?.value.cells ?? []) add({ version, day, channel, lang, node, metric, detail, n });
    });
    for (const d of listed) {
      for (const c of bodies.get(d.name) ?? []) if (d.seq > (merged.get(monthOf(c.day))?.[d.writer] ?? 0)) add(c);
    }
    return { cells: [...sums.values()].filter((c) => c.n !== 0), versions: await this.versions() };
  }

  private async versions(): Promise<InsightsVersion[]> {
    const client = this.container.client;
    const names: string[] = [];
    for await (const item of client.listBlobsFlat({ prefix: VERSIONS })) names.push(item.name);
    const out: InsightsVersion[] = [];
    await mapLimited(names, 4, async (name) => {
      const got = await downloadJson(client, name, versionBodySchema);
      if (got) out.push(got.value);
    });
    return out.sort((a, b) => a.version - b.version);
  }
}
